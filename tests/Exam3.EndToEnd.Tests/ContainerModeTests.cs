using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

/// <summary>
/// Consul:Mode=container on a real engine: the registry (the image of Exam3.Discovery, run where hashicorp/consul would
/// be) lives in a container, and its HTTP checks reach the replicas on this machine from inside it.
/// </summary>
public sealed class ContainerModeTests(ContainerDistributionFixture fixture) : IClassFixture<ContainerDistributionFixture>
{
    private const string ContainerIdProperty = "container.id";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ContainerRegistryRunsOnTheEngineAndChecksEveryReplicaFromInside()
    {
        var app = fixture.App;
        var replicas = await Replicas.HealthyAsync(app, Distribution.Operations, Distribution.ReplicaCount, Cancellation);
        var container = await RegistryContainerIdAsync(app);
        using var registry = app.CreateHttpClient("consul");

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
                && registered.All(entry => ServiceCheck(entry) is { Status: "passing" } check
                    && check.Output.StartsWith($"HTTP GET http://{bridge}:{entry.Service.Port}/health: 200 OK", StringComparison.Ordinal));
        });
        Assert.All(registered, entry => Assert.Equal("127.0.0.1", entry.Service.Address));
    }

    [Fact]
    public async Task ContainerRegistryLetsThirtyGatewayRequestsHitEachReplicaExactlyTenTimes()
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

    [Fact]
    public async Task ContainerRegistryFailsTheCheckOfAKilledReplicaAndNoGetFails()
    {
        var app = fixture.App;
        var replicas = await Replicas.HealthyAsync(app, Distribution.Operations, Distribution.ReplicaCount, Cancellation);
        var victim = replicas[0];
        var survivors = replicas.Skip(1).Select(replica => replica.Name).ToList();
        using var registry = app.CreateHttpClient("consul");
        using var gateway = app.CreateHttpClient("gateway");
        using var haproxy = app.CreateHaproxyClient();
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas.Select(replica => replica.Name), Cancellation);
        await GatewayCalls.UntilExactlyTheseAnswerAsync(haproxy, replicas.Select(replica => replica.Name), Cancellation, path: "/");

        await using var throughGateway = GatewayRequestLoop.Start(gateway, Cancellation);
        await using var throughHaproxy = GatewayRequestLoop.Start(haproxy, Cancellation, path: "/");
        Assert.True(Signals.Send(victim.ServiceProcessId("Exam3.Operations"), Signals.SigKill));

        // Critical because the check from inside the container finds nobody listening: the replica never deregistered.
        await Eventually.UntilAsync($"the registry's check of {victim.Name} to fail", Timeouts.Condition, async () =>
            (await Registry.InstancesAsync(registry, Distribution.Operations, Cancellation))
                .SingleOrDefault(entry => entry.Service.ID == victim.Name) is { } entry && ServiceCheck(entry) is { Status: "critical" });
        var answersAfterDrop = (Gateway: throughGateway.Served.Count, Haproxy: throughHaproxy.Served.Count);
        await Eventually.UntilAsync("both loops to get answers after the registry dropped the victim", Timeouts.Condition, () =>
            throughGateway.Served.Count > answersAfterDrop.Gateway + 20 && throughHaproxy.Served.Count > answersAfterDrop.Haproxy + 20);
        await throughGateway.StopAsync();
        await throughHaproxy.StopAsync();

        Assert.True(throughGateway.Failures.IsEmpty, $"Failed requests through the gateway:\n{string.Join("\n", throughGateway.Failures)}");
        Assert.True(throughHaproxy.Failures.IsEmpty, $"Failed requests through HAProxy:\n{string.Join("\n", throughHaproxy.Failures)}");
        Assert.All(throughGateway.Served.Skip(answersAfterDrop.Gateway), answer => Assert.Contains(answer.Instance, survivors));
        Assert.All(throughHaproxy.Served.Skip(answersAfterDrop.Haproxy), answer => Assert.Contains(answer.Instance, survivors));
    }

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

    private static Registry.CheckEntry? ServiceCheck(Registry.HealthEntry entry) =>
        entry.Checks.SingleOrDefault(check => check.CheckID == $"service:{entry.Service.ID}");

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
