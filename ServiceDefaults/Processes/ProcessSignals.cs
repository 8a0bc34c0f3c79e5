using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Exam3.ServiceDefaults.Processes;

/// <summary>
/// POSIX signals for the processes Exam3 starts and stops (HAProxy, and services in tests): Process.Kill only sends
/// SIGKILL, while a graceful stop (deregister, drain, finish the connections in flight) needs SIGTERM or SIGUSR1.
/// </summary>
public static partial class ProcessSignals
{
    public const int SigKill = 9;

    public const int SigTerm = 15;

    /// <summary>SIGUSR1: HAProxy's soft stop.</summary>
    public static int SigUsr1 => OperatingSystem.IsMacOS() ? 30 : 10;

    /// <summary>SIGUSR2: HAProxy's master reloads its configuration.</summary>
    public static int SigUsr2 => OperatingSystem.IsMacOS() ? 31 : 12;

    /// <summary>SIGSTOP: the process is held, unable to run, until SIGCONT.</summary>
    public static int SigStop => OperatingSystem.IsMacOS() ? 17 : 19;

    /// <summary>SIGCONT: a held process runs again.</summary>
    public static int SigCont => OperatingSystem.IsMacOS() ? 19 : 18;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false if it is already gone.</summary>
    public static bool Send(int processId, int signal) => kill(processId, signal) == 0;

    /// <summary>
    /// Sends <paramref name="signal"/>, waits up to <paramref name="timeout"/> for <paramref name="process"/> to exit, and
    /// kills it and its children if it has not. True when it exited on its own.
    /// </summary>
    public static async Task<bool> StopAsync(Process process, int signal, TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return true;
        }

        Send(process.Id, signal);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            return false;
        }
    }

    /// <summary>SIGKILL to <paramref name="process"/> and its children; nothing if it has already exited.</summary>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
