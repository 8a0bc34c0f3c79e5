using System.Runtime.InteropServices;

namespace Exam3.TestSupport;

/// <summary>
/// POSIX signals. Process.Kill only sends SIGKILL; graceful shutdown (deregister, drain) needs SIGTERM.
/// </summary>
public static partial class Signals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false if it is already gone.</summary>
    public static bool Send(int processId, int signal) => kill(processId, signal) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
