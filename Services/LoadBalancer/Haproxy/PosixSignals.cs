using System.Runtime.InteropServices;

namespace Exam3.LoadBalancer.Haproxy;

/// <summary>The signals HAProxy's master process understands; Process.Kill can only send SIGKILL.</summary>
internal static partial class PosixSignals
{
    /// <summary>Soft stop: stop accepting, finish the connections in flight, exit.</summary>
    public static int SoftStop => OperatingSystem.IsMacOS() ? 30 : 10;

    /// <summary>Reload: the master re-reads its configuration and starts a new worker that inherits the listeners.</summary>
    public static int Reload => OperatingSystem.IsMacOS() ? 31 : 12;

    public static bool Send(int processId, int signal) => kill(processId, signal) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
