namespace Exam3.EndToEnd.Tests;

/// <summary>
/// Consul:Mode=container on a real engine: the registry (the image of Exam3.Discovery, run where hashicorp/consul would
/// be) lives in a container, and its HTTP checks reach the replicas on this machine from inside it.
/// </summary>
public sealed class ContainerModeTests(ContainerDistributionFixture fixture) : IClassFixture<ContainerDistributionFixture>
{
    private const string ContainerIdProperty = "container.id";

    [Fact]
    public async Task ContainerRegistryRunsOnTheEngineAndChecksEveryReplicaFromInside()
    {
        var app = fixture.App;
        var replicas = await app.HealthyOperationsAsync(Cancellation);
        var container = await RegistryContainerIdAsync(app);
        using var registry = app.CreateRegistryClient();

        Assert.True(await Docker.IsRunningAsync(container, Cancellation), $"docker ps does not list the registry's container {container}.");
        Assert.Equal(Docker.RegistryImage, await Docker.ImageOfAsync(container, Cancellation));
        // Registered on loopback for the gateway and HAProxy here; checked at the bridge's gateway, the host as seen from
        // inside the container. A registration starts passing on its own word: only a check's output proves it ran.
        var bridge = await Docker.BridgeGatewayAsync(Cancellation);
        IReadOnlyList<Registry.HealthEntry> registered = [];
        await Eventually.UntilAsync($"every replica to pass a check run from the container at {bridge}", Timeouts.Condition, async () =>
        {
            registered = await Registry.InstancesAsync(registry, Distribution.Operations, Cancellation);
            return registered.Select(entry => entry.Service.ID).ToHashSet().SetEquals(replicas.Select(replica => replica.Name))
                && registered.All(entry => Registry.ServiceCheck(entry) is { Status: "passing" } check
                    && check.Output.StartsWith($"HTTP GET http://{bridge}:{entry.Service.Port}/health: 200 OK", StringComparison.Ordinal));
        });
        Assert.All(registered, entry => Assert.Equal("127.0.0.1", entry.Service.Address));
    }

    [Fact]
    public Task ContainerRegistryLetsThirtyGatewayRequestsHitEachReplicaExactlyTenTimes() =>
        Scenarios.ThirtyGatewayRequestsHitEachReplicaTenTimesAsync(fixture.App, Cancellation);

    // The check turns critical only because the one run from inside the container finds nobody listening.
    [Fact]
    public async Task ContainerRegistryFailsTheCheckOfAKilledReplicaAndNoGetFails() =>
        await Scenarios.StartTheVictimAgainAsync(fixture.App, await Scenarios.KillAReplicaUnderLoadAsync(fixture.App, Cancellation), Cancellation);

    [Fact]
    public async Task ContainerRegistryIsRemovedWhenTheAppStops()
    {
        _ = fixture.App;
        string container;
        await using (var app = await Distribution.StartAsync(withDashboard: false, Cancellation, ContainerDistributionFixture.ContainerMode))
        {
            container = await RegistryContainerIdAsync(app);
            Assert.True(await Docker.IsRunningAsync(container, Cancellation), $"docker ps does not list the registry's container {container}.");
        }

        await Eventually.UntilAsync($"the engine to remove the registry's container {container}", Timeouts.Condition, async () =>
            !await Docker.ExistsAsync(container, Cancellation));
    }

    private static async Task<string> RegistryContainerIdAsync(DistributedApplication app)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Timeouts.Condition);
        var running = await app.ResourceNotifications.WaitForResourceAsync("consul", notification =>
            notification.Snapshot.State?.Text == KnownResourceStates.Running
            && notification.Snapshot.Properties.Any(property => property.Name == ContainerIdProperty && property.Value is string { Length: > 0 }),
            deadline.Token);
        return (string)running.Snapshot.Properties.Single(property => property.Name == ContainerIdProperty).Value!;
    }
}
