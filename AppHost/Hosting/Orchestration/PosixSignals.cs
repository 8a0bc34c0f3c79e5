using System.Runtime.InteropServices;

namespace Exam3.Hosting.Orchestration;

/// <summary>SIGTERM for a graceful stop: Process.Kill only sends SIGKILL, which gives a replica no chance to deregister.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="processId"/> to stop; false if it is already gone (or on Windows, where there is no SIGTERM).</summary>
    public static bool Terminate(int processId) => !OperatingSystem.IsWindows() && kill(processId, SigTerm) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
