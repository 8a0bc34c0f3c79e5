namespace Exam3.EndToEnd.Tests;

[Collection(SharedDistribution.Name)]
public sealed class FailoverTests(DistributionFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledReplicaCostsNoFailedRequestThroughTheGatewayOrHaproxyAndStartsAgainFromTheDashboard()
    {
        var app = fixture.App;
        var replicas = await Scenarios.KillAReplicaUnderLoadAsync(app, Cancellation);
        var victim = replicas[0];
        using var gateway = app.CreateHttpClient("gateway");
        using var haproxy = app.CreateHaproxyClient();

        // Aspire does not restart a crashed resource; the dashboard's Start command does, as a user would.
        var started = await app.ResourceCommands.ExecuteCommandAsync(victim.Name, KnownResourceCommands.StartCommand, Cancellation);
        Assert.True(started.Success, started.Message);
        var restarted = await Replicas.HealthyAsync(app, Distribution.Operations, Distribution.ReplicaCount, Cancellation);
        Assert.Contains(victim.Name, restarted.Select(replica => replica.Name));
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas.Select(replica => replica.Name), Cancellation);
        await GatewayCalls.UntilExactlyTheseAnswerAsync(haproxy, replicas.Select(replica => replica.Name), Cancellation, path: "/");
    }
}
