namespace Exam3.EndToEnd.Tests;

public sealed class RegistryRestartTests
{
    [Fact]
    public async Task ARestartedRegistryGetsEveryInstanceRegisteredAgain()
    {
        await using var app = await Distribution.StartAsync(withDashboard: false, Cancellation);
        var replicas = (await app.HealthyOperationsAsync(Cancellation)).Names();
        using var registry = app.CreateRegistryClient();
        using var gateway = app.CreateHttpClient("gateway");

        var restart = await app.ResourceCommands.ExecuteCommandAsync("consul", KnownResourceCommands.RestartCommand, Cancellation);
        Assert.True(restart.Success, restart.Message);
        // Right after the restart the notifications may still hold the old process's Exited state, which the default
        // wait takes for a failed start; this one waits for the new process to be healthy, within a bound.
        using var restarted = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        restarted.CancelAfter(Timeouts.Condition);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("consul", WaitBehavior.WaitOnResourceUnavailable, restarted.Token);

        await Eventually.UntilAsync("every replica to register again in the restarted registry", Timeouts.Condition, async () =>
            (await Registry.PassingInstancesAsync(registry, Distribution.Operations, Cancellation)).SetEquals(replicas));
        await Eventually.UntilAsync("the gateway and the load balancer to register again", Timeouts.Condition, async () =>
            (await Registry.InstancesAsync(registry, "gateway", Cancellation)).Count == 1 && (await Registry.InstancesAsync(registry, "lb", Cancellation)).Count == 1);
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas, Cancellation);
    }
}
