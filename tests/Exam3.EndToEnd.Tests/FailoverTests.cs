using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

public sealed class FailoverTests(DistributionFixture fixture) : IClassFixture<DistributionFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledReplicaCostsNoFailedRequestAndTheSupervisorBringsItBack()
    {
        var app = fixture.Distribution.App;
        var replicas = app.ResourceNotifications.Find("operations");
        var victim = replicas[0];
        using var registry = app.CreateHttpClient("consul");
        using var gateway = app.CreateHttpClient("gateway");
        await GatewayCalls.UntilEveryReplicaAnswersAsync(app, Cancellation);

        await using var loop = GatewayRequestLoop.Start(gateway, Cancellation);
        await Eventually.UntilAsync("the client loop to get answers", Timeouts.Condition, () => !loop.Served.IsEmpty || !loop.Failures.IsEmpty);

        TestContext.Current.TestOutputHelper?.WriteLine($"Killing {victim.Name} at {DateTimeOffset.UtcNow:HH:mm:ss.fff} (UTC).");
        Assert.True(await app.ResourceCommands.KillAsync(victim.Name, Cancellation));
        var restarted = (await app.WaitForResourceAsync(
            victim.Name, replica => replica[0] is { Restarts: 1, IsHealthy: true }, Timeouts.Condition, Cancellation))[0];
        var answersBeforeItCameBack = loop.Served.Count;
        await Eventually.UntilAsync("the restarted replica to be registered and passing again", Timeouts.Condition, async () =>
            (await Registry.PassingInstancesAsync(registry, "operations", Cancellation)).Contains(victim.Name));
        await Eventually.UntilAsync("the restarted replica to receive traffic again", Timeouts.Condition, () =>
            loop.Served.Skip(answersBeforeItCameBack).Any(answer => answer.Instance == victim.Name));
        await loop.StopAsync();

        Assert.NotEqual(victim.ProcessId, restarted.ProcessId);
        Assert.True(loop.Failures.IsEmpty, $"Failed requests through the gateway:\n{string.Join("\n", loop.Failures)}");
        TestContext.Current.SendDiagnosticMessage($"{loop.Served.Count} requests through the gateway, none failed, while {victim.Name} was killed and restarted.");
    }
}
