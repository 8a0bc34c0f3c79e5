using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

[Collection(SharedDistribution.Name)]
public sealed class FailoverTests(DistributionFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledReplicaCostsNoFailedRequestThroughTheGatewayOrHaproxyAndStartsAgainFromTheDashboard()
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
        TestContext.Current.TestOutputHelper?.WriteLine($"SIGKILL to {victim.Name} (pid {victim.ProcessId}) at {DateTimeOffset.UtcNow:HH:mm:ss.fff} (UTC).");
        Assert.True(Signals.Send(victim.ProcessId, Signals.SigKill));

        await Eventually.UntilAsync($"the registry to mark {victim.Name} critical", Timeouts.Condition, async () =>
            !(await Registry.PassingInstancesAsync(registry, Distribution.Operations, Cancellation)).Contains(victim.Name));
        var answersAfterDrop = (Gateway: throughGateway.Served.Count, Haproxy: throughHaproxy.Served.Count);
        await Eventually.UntilAsync("both loops to get answers after the registry dropped the victim", Timeouts.Condition, () =>
            throughGateway.Served.Count > answersAfterDrop.Gateway + 20 && throughHaproxy.Served.Count > answersAfterDrop.Haproxy + 20);
        await throughGateway.StopAsync();
        await throughHaproxy.StopAsync();

        Assert.True(throughGateway.Failures.IsEmpty, $"Failed requests through the gateway:\n{string.Join("\n", throughGateway.Failures)}");
        Assert.True(throughHaproxy.Failures.IsEmpty, $"Failed requests through HAProxy:\n{string.Join("\n", throughHaproxy.Failures)}");
        Assert.All(throughGateway.Served.Skip(answersAfterDrop.Gateway), answer => Assert.Contains(answer.Instance, survivors));
        Assert.All(throughHaproxy.Served.Skip(answersAfterDrop.Haproxy), answer => Assert.Contains(answer.Instance, survivors));

        // Aspire does not restart a crashed resource; the dashboard's Start command does, as a user would.
        var started = await app.ResourceCommands.ExecuteCommandAsync(victim.Name, KnownResourceCommands.StartCommand, Cancellation);
        Assert.True(started.Success, started.Message);
        var restarted = await Replicas.HealthyAsync(app, Distribution.Operations, Distribution.ReplicaCount, Cancellation);
        Assert.Contains(victim.Name, restarted.Select(replica => replica.Name));
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas.Select(replica => replica.Name), Cancellation);
        await GatewayCalls.UntilExactlyTheseAnswerAsync(haproxy, replicas.Select(replica => replica.Name), Cancellation, path: "/");
    }
}
