using System.Diagnostics;
using Exam3.LoadBalancer.Haproxy;

namespace Exam3.LoadBalancer.Tests;

public sealed class HaproxyConfigurationTests
{
    [Fact]
    public async Task RenderedConfigurationIsAcceptedByHaproxy()
    {
        using var folder = new TemporaryFolder();
        var options = new LoadBalancerOptions { StateDirectory = folder.Path, Frontend = "127.0.0.1:18081" };
        var table = SlotTable.Empty(3).Assign([new BackendMember("operations-a", IPAddress.Loopback, 5001), new BackendMember("operations-b", IPAddress.IPv6Loopback, 5002)]);
        await AtomicFile.WriteAsync(options.ConfigurationPath, HaproxyConfiguration.Render(options, table), Cancellation);

        var (exitCode, output) = await RunAsync(HaproxyExecutable.Find("haproxy")!, "-c", "-f", options.ConfigurationPath);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void RenderedConfigurationHasAServerLinePerSlotNamingItsReplica()
    {
        var options = new LoadBalancerOptions { Service = "operations", StateDirectory = "/tmp/lb" };
        var table = SlotTable.Empty(3).Assign([new BackendMember("operations-a", IPAddress.Loopback, 5001)]);

        var lines = HaproxyConfiguration.Render(options, table).Split('\n').Select(line => line.Trim()).ToList();

        Assert.Equal(
            ["server s1 127.0.0.1:5001  # operations-a", "server s2 127.0.0.1:1 disabled  # free", "server s3 127.0.0.1:1 disabled  # free"],
            lines.Where(line => line.StartsWith("server ", StringComparison.Ordinal)));
        Assert.Contains("balance roundrobin", lines);
        Assert.Contains("option httpchk GET /health", lines);
        Assert.Contains("option redispatch 1", lines);
        Assert.Contains("stats socket /tmp/lb/haproxy.sock mode 600 level admin expose-fd listeners", lines);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancellation);
        var error = process.StandardError.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        return (process.ExitCode, await output + await error);
    }
}
