using System.Net;
using Exam3.Gateway.Tests.Harness;
using Exam3.TestSupport;

namespace Exam3.Gateway.Tests;

/// <summary>The registry going away, and coming back empty, does not stop traffic through the gateway.</summary>
[Collection(ProcessTests.Name)]
public sealed class RegistryOutageTests
{
    [Fact]
    public async Task RegistryRestartDoesNotInterruptTraffic()
    {
        await using var topology = await Topology.StartAsync();
        string[] instances = ["outage-a", "outage-b"];
        var replicas = await Task.WhenAll(instances.Select(instance => topology.StartOperationsAsync("outage", instance)));
        await RegisterAllAsync();
        await topology.WaitUntilServedByAsync("/api/outage/add?a=1&b=2", instances);
        var statuses = new List<HttpStatusCode>();

        topology.KillRegistry();
        await SendAsync(20);
        await topology.StartRegistryAsync();
        await SendAsync(20);
        // The replicas notice the empty registry and register again, as they do on their own.
        await RegisterAllAsync();
        await SendAsync(20);
        var newcomer = await topology.StartOperationsAsync("outage", "outage-c");
        await topology.RegisterAsync("outage", "outage-c", newcomer.BaseAddress, "/api/outage");
        await topology.WaitUntilServedByAsync("/api/outage/add?a=1&b=2", "outage-c");

        Assert.Equal(60, statuses.Count);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Single(topology.Gateway.Output, line => line.Contains("unreachable while watching the catalog", StringComparison.Ordinal));

        async Task RegisterAllAsync()
        {
            for (var index = 0; index < instances.Length; index++)
            {
                await topology.RegisterAsync("outage", instances[index], replicas[index].BaseAddress, "/api/outage");
            }
        }

        async Task SendAsync(int count)
        {
            for (var request = 0; request < count; request++)
            {
                using var response = await topology.Client.GetAsync("/api/outage/add?a=1&b=2", TestContext.Current.CancellationToken);
                statuses.Add(response.StatusCode);
            }
        }
    }
}
