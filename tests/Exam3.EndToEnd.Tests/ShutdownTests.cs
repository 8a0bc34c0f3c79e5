namespace Exam3.EndToEnd.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task AStoppedReplicaDeregistersAndStoppingTheAppLeavesNoProcess()
    {
        var app = await Distribution.StartAsync(withDashboard: false, Cancellation);
        var processes = new List<int>();
        try
        {
            var replicas = await app.HealthyOperationsAsync(Cancellation);
            processes.AddRange(replicas.Select(replica => replica.ProcessId));
            using var registry = app.CreateRegistryClient();
            await Eventually.UntilAsync("every replica to be registered", Timeouts.Condition, async () =>
                (await Registry.InstancesAsync(registry, Distribution.Operations, Cancellation)).Count == Distribution.ReplicaCount);

            var stopped = replicas[0].Name;
            var stop = await app.ResourceCommands.ExecuteCommandAsync(stopped, KnownResourceCommands.StopCommand, Cancellation);
            Assert.True(stop.Success, stop.Message);

            Assert.DoesNotContain(stopped, (await Registry.InstancesAsync(registry, Distribution.Operations, Cancellation)).Select(entry => entry.Service.ID));
        }
        finally
        {
            await app.DisposeAsync();
        }

        await Eventually.UntilAsync("every replica's processes to end with the app", Timeouts.Condition, () =>
            processes.All(process => !ProcessTable.IsRunning(process)));
    }
}
