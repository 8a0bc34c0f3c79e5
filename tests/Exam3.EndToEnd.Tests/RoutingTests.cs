using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

[Collection(SharedDistribution.Name)]
public sealed class RoutingTests(DistributionFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryReplicaRegistersItsOwnPortAndPasses()
    {
        var app = fixture.App;
        var replicas = await Replicas.HealthyAsync(app, Distribution.Operations, Distribution.ReplicaCount, Cancellation);
        using var registry = app.CreateRegistryClient();

        await Eventually.UntilAsync("every replica to pass its check in the registry", Timeouts.Condition, async () =>
            (await Registry.PassingInstancesAsync(registry, Distribution.Operations, Cancellation)).SetEquals(replicas.Select(replica => replica.Name)));

        var registered = await Registry.InstancesAsync(registry, Distribution.Operations, Cancellation);
        Assert.Equal(Distribution.ReplicaCount, registered.Select(entry => entry.Service.Port).Distinct().Count());
        foreach (var entry in registered)
        {
            using var replica = new HttpClient { BaseAddress = new Uri($"http://{entry.Service.Address}:{entry.Service.Port}/") };
            Assert.Equal(entry.Service.ID, await GatewayCalls.MultiplyAsync(replica, Cancellation, path: "/"));
        }
    }

    [Fact]
    public async Task ThirtyRequestsThroughTheGatewayHitEachReplicaExactlyTenTimes()
    {
        var app = fixture.App;
        var replicas = (await Replicas.HealthyAsync(app, Distribution.Operations, Distribution.ReplicaCount, Cancellation)).Select(replica => replica.Name).ToList();
        using var gateway = app.CreateHttpClient("gateway");
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas, Cancellation);

        var hits = new List<string>();
        for (var request = 0; request < 30; request++)
        {
            hits.Add(await GatewayCalls.MultiplyAsync(gateway, Cancellation));
        }

        Assert.Equal(
            replicas.Order().Select(replica => (replica, 10)),
            hits.CountBy(instance => instance).OrderBy(hit => hit.Key).Select(hit => (hit.Key, hit.Value)));
    }
}
