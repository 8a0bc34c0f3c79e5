namespace Exam3.EndToEnd.Tests;

[Collection(SharedDistribution.Name)]
public sealed class RoutingTests(DistributionFixture fixture)
{
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
    public Task ThirtyRequestsThroughTheGatewayHitEachReplicaExactlyTenTimes() =>
        Scenarios.ThirtyGatewayRequestsHitEachReplicaTenTimesAsync(fixture.App, Cancellation);
}
