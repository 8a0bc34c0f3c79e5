namespace Exam3.Gateway.Tests;

/// <summary>The registry going away, and coming back empty, does not stop traffic through the gateway.</summary>
public sealed class RegistryOutageTests : ProcessTestClass
{
    [Fact]
    public async Task RegistryRestartDoesNotInterruptTraffic()
    {
        await using var topology = await Topology.StartAsync();
        string[] instances = ["outage-a", "outage-b"];
        await Task.WhenAll(instances.Select(instance => topology.StartOperationsAsync("outage", instance, "/api/outage")));
        await topology.WaitUntilServedByAsync("/api/outage/add?a=1&b=2", instances);
        var statuses = new List<HttpStatusCode>();

        topology.KillRegistry();
        await SendAsync(20);
        await topology.StartRegistryAsync();
        // Traffic goes on while the gateway hears from the empty registry and the replicas register again on their own.
        await Eventually.UntilAsync("the gateway to hear the restarted registry list the replicas again", TimeSpan.FromSeconds(30), async () =>
        {
            await SendAsync(1);
            var passing = await topology.Consul.GetHealthyInstancesAsync("outage", 0, Cancellation);
            return passing.Value.Instances.Count == 2
                && topology.Gateway.Output.Any(line => line.Contains("answers again for the healthy instances of outage", StringComparison.Ordinal));
        });
        await SendAsync(20);
        await topology.StartOperationsAsync("outage", "outage-c", "/api/outage");
        await topology.WaitUntilServedByAsync("/api/outage/add?a=1&b=2", "outage-c");

        Assert.True(statuses.Count > 40);
        Assert.True(statuses.All(status => status == HttpStatusCode.OK),
            $"Statuses in order: {string.Join(", ", statuses.Select(status => (int)status))}. The gateway said:{Environment.NewLine}{string.Join(Environment.NewLine, topology.Gateway.Output)}");
        Assert.Single(topology.Gateway.Output, line => line.Contains("unreachable while watching the catalog", StringComparison.Ordinal));

        async Task SendAsync(int count)
        {
            for (var request = 0; request < count; request++)
            {
                using var response = await topology.Client.GetAsync("/api/outage/add?a=1&b=2", Cancellation);
                statuses.Add(response.StatusCode);
            }
        }
    }
}
