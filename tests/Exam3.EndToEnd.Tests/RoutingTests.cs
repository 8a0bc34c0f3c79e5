namespace Exam3.EndToEnd.Tests;

public sealed class RoutingTests(DistributionFixture fixture) : SharedDistributionTests(fixture)
{
    [Fact]
    public async Task EveryReplicaRegistersItsOwnPortAndPasses()
    {
        var replicas = await App.HealthyOperationsAsync(Cancellation);
        using var registry = App.CreateRegistryClient();

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
        Scenarios.ThirtyGatewayRequestsHitEachReplicaTenTimesAsync(App, Cancellation);
}
