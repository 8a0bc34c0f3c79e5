using System.Runtime.InteropServices;

namespace Exam3.AppHost;

/// <summary>
/// DCP stops a resource's process with SIGINT, as Ctrl+C would. A program started in the background by a
/// non-interactive shell (a script, a CI job, a test runner) inherits SIGINT ignored, and every process below it keeps
/// it so: DCP's stop would not reach the services, which would be killed after DCP's timeout without deregistering, and
/// the dashboard's Stop and Restart would report failure. So the AppHost gives SIGINT its default meaning back before it
/// starts DCP; where SIGINT was not ignored, .NET's own Ctrl+C handling stays as it is.
/// </summary>
internal static partial class InterruptSignal
{
    private const int SigInt = 2;
    private const ulong SigIntBit = 1UL << (SigInt - 1);

    public static void StopIgnoring()
    {
        if (OperatingSystem.IsLinux() && IsIgnored())
        {
            _ = signal(SigInt, handler: 0);
        }
    }

    // /proc/self/status: "SigIgn:\t0000000000001002", a hexadecimal mask with bit n-1 set for ignored signal n.
    private static bool IsIgnored() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
        && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & SigIntBit) != 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint signal(int signum, nint handler);
}
