using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Exam3.Hosting;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.AppHost.Tests;

/// <summary>The AppHost as a user runs it: a process of its own, with children that must never outlive it.</summary>
public sealed partial class AppHostProcessTests(ITestOutputHelper output)
{
    private readonly int _registryPort = FreePort.Next();
    private readonly int _dashboardPort = FreePort.Next();

    [Fact]
    public async Task AppHostKilledOutrightTakesEveryChildWithIt()
    {
        var (appHost, replicas) = await StartAppHostAsync();
        await using (appHost)
        {
            var children = ProcessTable.ChildrenOf(appHost.Id);
            Assert.Equal(replicas, children.Count);

            Signals.Send(appHost.Id, Signals.SigKill);

            await Eventually.UntilAsync("every child of the killed AppHost to be gone", Timeouts.Condition,
                () => !children.Any(ProcessTable.IsRunning));
        }
    }

    [Fact]
    public async Task SigtermStopsGatewayThenReplicasThenRegistryAndExitsCleanly()
    {
        var (appHost, _) = await StartAppHostAsync();
        await using (appHost)
        {
            var children = ProcessTable.ChildrenOf(appHost.Id);

            await appHost.StopAsync(Timeouts.Condition);

            Assert.Equal(0, appHost.ExitCode);
            Assert.DoesNotContain(children, ProcessTable.IsRunning);
            var lines = appHost.Output.ToList();
            Assert.Equal(3, lines.Count(StoppedReplica().IsMatch));
            Assert.True(lines.FindIndex(line => line.EndsWith("gateway stopped", StringComparison.Ordinal)) < lines.FindIndex(StoppingReplica().IsMatch));
            Assert.True(lines.FindLastIndex(StoppedReplica().IsMatch) < lines.FindIndex(line => line.Contains("consul stopping (SIGTERM", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task StartupSummaryListsEveryReplicaWithItsStateAndUrl()
    {
        var (appHost, _) = await StartAppHostAsync();
        await using (appHost)
        {
            await appHost.WaitForOutputAsync("Press Ctrl+C to stop.", Timeouts.Condition);

            var rows = appHost.Output.Select(line => SummaryRow().Match(line)).Where(match => match.Success).ToList();

            Assert.Equal(3, rows.Count);
            Assert.Equal(3, rows.Select(row => row.Groups["port"].Value).Distinct().Count());
            Assert.Contains(appHost.Output, line =>
                Regex.IsMatch(line, $@"^consul\s+Consul \((embedded Exam3\.Discovery|consul agent -dev)\)\s+Running \(Healthy\)\s+http://127\.0\.0\.1:{_registryPort}/$"));
            Assert.Contains(appHost.Output, line => line.StartsWith($"Dashboard: http://127.0.0.1:{_dashboardPort}/login?t=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task BusyRegistryPortStopsTheAppHostAtOnceNamingThePortAndTheSetting()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, _registryPort);
        squatter.Start();

        await using var appHost = ProjectProcess.Start("apphost", "AppHost", "Exam3.AppHost", arguments: Arguments, log: output.WriteLine);
        await appHost.WaitForExitAsync(Timeouts.Condition);

        Assert.Equal(1, appHost.ExitCode);
        Assert.Contains(appHost.Output, line =>
            line.Contains($"Port {_registryPort} for 'consul' is already in use", StringComparison.Ordinal)
            && line.Contains("--Ports:consul=<port>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DashboardInsideTheAppHostListsEveryReplicaWithItsConsoleOutput()
    {
        var (appHost, replicas) = await StartAppHostAsync();
        await using (appHost)
        {
            await appHost.WaitForOutputAsync("Press Ctrl+C to stop.", Timeouts.Condition);
            var login = appHost.Output.Select(line => DashboardLogin().Match(line)).First(match => match.Success).Groups["url"].Value;
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });

            using var loggedIn = await browser.GetAsync(new Uri(login), TestContext.Current.CancellationToken);
            var resources = await browser.GetFromJsonAsync<List<DashboardResource>>(
                new Uri($"http://127.0.0.1:{_dashboardPort}/api/resources"), TestContext.Current.CancellationToken);
            var operations = resources!.First(resource => resource.Resource == "operations").Name;
            var console = await browser.GetFromJsonAsync<List<DashboardConsoleLine>>(
                new Uri($"http://127.0.0.1:{_dashboardPort}/api/resources/{operations}/console"), TestContext.Current.CancellationToken);
            var allReplicasConsole = await browser.GetFromJsonAsync<List<DashboardConsoleLine>>(
                new Uri($"http://127.0.0.1:{_dashboardPort}/api/resources/operations/console"), TestContext.Current.CancellationToken);

            Assert.StartsWith($"http://127.0.0.1:{_dashboardPort}/login?t=", login, StringComparison.Ordinal);
            Assert.Equal(replicas, resources!.Count);
            string[] loadBalancer = DistributedApplicationBuilder.IsInstalled("haproxy") ? ["lb"] : [];
            Assert.Equal(["consul", "gateway", .. loadBalancer, "operations", "operations", "operations"], resources.Select(resource => resource.Resource).Order());
            Assert.All(resources, resource => Assert.Equal(("Running", "Healthy"), (resource.State, resource.Health)));
            Assert.Contains(console!, line => line.Text.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal));
            // The resource's own name merges its replicas' output.
            Assert.Equal(
                resources.Count(resource => resource.Resource == "operations"),
                allReplicasConsole!.Count(line => line.Text.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal)));
        }
    }

    // Never the fixed default ports: the registry, the gateway, the load balancer and the dashboard get free ones through the command line, as a user would
    // move them; the OTLP receivers too.
    private string[] Arguments =>
    [
        "--AppHost:RandomizePorts=false",
        $"--Ports:consul={_registryPort}",
        $"--Ports:gateway={FreePort.Next()}",
        $"--Ports:lb={FreePort.Next()}",
        $"--Ports:dashboard={_dashboardPort}",
        $"--Ports:otlp-grpc={FreePort.Next()}",
        $"--Ports:otlp-http={FreePort.Next()}",
    ];

    private async Task<(ProjectProcess AppHost, int Replicas)> StartAppHostAsync()
    {
        var appHost = ProjectProcess.Start("apphost", "AppHost", "Exam3.AppHost",
            arguments: Arguments, log: output.WriteLine);
        try
        {
            await appHost.WaitForOutputAsync("processes healthy after", Timeouts.Startup);
            var started = appHost.Output.Select(line => AllHealthy().Match(line)).First(match => match.Success);
            Assert.Equal(started.Groups["healthy"].Value, started.Groups["total"].Value);
            return (appHost, int.Parse(started.Groups["total"].Value));
        }
        catch
        {
            await appHost.DisposeAsync();
            throw;
        }
    }

    [GeneratedRegex(@"^Dashboard: (?<url>\S+)")]
    private static partial Regex DashboardLogin();

    private sealed record DashboardResource(string Name, string Resource, string State, string? Health);

    private sealed record DashboardConsoleLine(string Text);

    [GeneratedRegex(@"(?<healthy>\d+) of (?<total>\d+) processes healthy after")]
    private static partial Regex AllHealthy();

    [GeneratedRegex(@"^operations-[a-z]{8}\s+Project\s+Running \(Healthy\)\s+http://127\.0\.0\.1:(?<port>\d+)/$")]
    private static partial Regex SummaryRow();

    [GeneratedRegex(@"operations-[a-z]{8} stopped$")]
    private static partial Regex StoppedReplica();

    [GeneratedRegex(@"operations-[a-z]{8} stopping \(SIGTERM")]
    private static partial Regex StoppingReplica();
}
