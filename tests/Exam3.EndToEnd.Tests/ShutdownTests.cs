using Exam3.Hosting.ApplicationModel;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

public sealed class ShutdownTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoppingInShutdownOrderLeavesNoRegistrationAndNoProcess()
    {
        var distribution = await TestDistribution.StartAsync<Program>(Timeouts.Startup, cancellationToken: Cancellation);
        var app = distribution.App;
        var notifications = app.ResourceNotifications;
        var processes = app.ResourceNotifications.Snapshots.Select(replica => replica.ProcessId!.Value).ToList();
        using var registry = app.CreateHttpClient("consul");
        await Eventually.UntilAsync("the three replicas to be registered", Timeouts.Condition, async () =>
            (await Registry.InstancesAsync(registry, "operations", Cancellation)).Count == 3);

        // The distribution's own shutdown order, one step at a time, so that the registry can be asked in between.
        await app.ResourceCommands.StopAsync("gateway");
        await app.ResourceCommands.StopAsync("operations");
        var registeredAfterStop = await Registry.InstancesAsync(registry, "operations", Cancellation);
        await distribution.DisposeAsync();

        Assert.Empty(registeredAfterStop);
        Assert.All(notifications.Snapshots, replica => Assert.Equal(ResourceState.Exited, replica.State));
        Assert.All(processes, process => Assert.False(ProcessTable.IsRunning(process), $"pid {process} outlived the distribution"));
    }
}
