using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Exam3.TestSupport;

/// <summary>
/// Ports nobody is listening on, so parallel runs never collide. A test picks one and a server binds it later, maybe
/// seconds later in another process, so the port must stay out of everybody else's reach meanwhile:
/// <list type="bullet">
/// <item>It lies above the kernel's ephemeral range (net.ipv4.ip_local_port_range), where neither a bind to port 0 nor
/// an outgoing connection of any process can take it, and where the AppHost, which picks replica ports below that
/// range, never looks. (A machine whose ephemeral range reaches nearly to the top leaves the choice to the kernel.)</item>
/// <item>Test assemblies run side by side, each in its own process: a claim file per port, naming the process that
/// took it, keeps any two calls, in one process or two, from handing out the same one. A claim whose process has gone
/// is free again.</item>
/// </list>
/// </summary>
public static class FreePort
{
    private const int HighestPort = 65535;
    private const int FewestPorts = 1000;

    private static readonly string Claims = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "exam3-test-ports")).FullName;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);
    private static readonly Lazy<(int First, int Last)?> Range = new(AboveEphemeralRange);

    /// <summary>A loopback port nobody listens on and no running test process, this one included, was handed before.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var port = Candidate();
            if (TryClaim(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port found. If no test runs, remove {Claims}.");
    }

    private static int Candidate()
    {
        if (Range.Value is { } range)
        {
            return Random.Shared.Next(range.First, range.Last + 1);
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The ports above the ephemeral range, or null when a machine leaves too few there: then the kernel picks.</summary>
    private static (int First, int Last)? AboveEphemeralRange()
    {
        // "32768	60999": the first and last ports the kernel hands out on its own.
        var setting = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        var ephemeralLast = int.Parse(setting[1], CultureInfo.InvariantCulture);
        return HighestPort - ephemeralLast >= FewestPorts ? (ephemeralLast + 1, HighestPort) : null;
    }

    // Under the lock, the claims are read before the port is probed: probing binds it for a moment, which must never
    // happen to a port another process has claimed and may be binding right now.
    private static bool TryClaim(int port)
    {
        using var claimsLock = LockClaims();
        var claim = Path.Combine(Claims, port.ToString(CultureInfo.InvariantCulture));
        if (File.Exists(claim)
            && int.TryParse(File.ReadAllText(claim), NumberStyles.None, CultureInfo.InvariantCulture, out var holder)
            && ProcessTable.IsRunning(holder))
        {
            return false;
        }

        if (!IsFree(port))
        {
            return false;
        }

        File.WriteAllText(claim, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return true;
    }

    // .NET takes FileShare.None as an exclusive flock on Unix, which other processes' attempts fail on at once.
    private static FileStream LockClaims()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(Claims, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < LockTimeout)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(5));
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
