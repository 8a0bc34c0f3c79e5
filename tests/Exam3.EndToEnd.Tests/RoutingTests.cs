using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

public sealed class RoutingTests(DistributionFixture fixture) : IClassFixture<DistributionFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AllThreeReplicasAreRegisteredAndPassing()
    {
        var app = fixture.Distribution.App;
        var replicas = app.ResourceNotifications.Find("operations");
        using var registry = app.CreateHttpClient("consul");

        await Eventually.UntilAsync("all three replicas to pass their checks in the registry", Timeouts.Condition, async () =>
            (await Registry.PassingInstancesAsync(registry, "operations", Cancellation)).SetEquals(replicas.Select(replica => replica.Name)));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Start to all healthy: {fixture.Distribution.StartupTime.TotalSeconds:0.00} s; registered and passing: {string.Join(", ", replicas.Select(replica => replica.Name))}");
        var registered = await Registry.InstancesAsync(registry, "operations", Cancellation);
        Assert.Equal(
            replicas.Select(replica => (replica.Name, replica.Urls[0].Port)).Order(),
            registered.Select(entry => (entry.Service.ID, entry.Service.Port)).Order());
    }

    [Fact]
    public async Task ThirtyRequestsThroughTheGatewayHitEachReplicaExactlyTenTimes()
    {
        var app = fixture.Distribution.App;
        var replicas = app.ResourceNotifications.Find("operations").Select(replica => replica.Name).ToHashSet();
        using var gateway = app.CreateHttpClient("gateway");
        await GatewayCalls.UntilEveryReplicaAnswersAsync(app, Cancellation);

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
