using System.Net.Http.Json;
using Exam3.Hosting;
using Exam3.Hosting.ApplicationModel;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.AppHost.Tests;

public sealed class SupervisionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledReplicaIsRestartedUnderItsNameAndPort()
    {
        await using var distribution = await StartTwoReplicasAsync();
        var app = distribution.App;
        var victim = app.ResourceNotifications.Find("operations")[0];

        Assert.True(await app.ResourceCommands.KillAsync(victim.Name, Cancellation));
        var restarted = (await app.WaitForResourceAsync(
            victim.Name, replicas => replicas[0] is { Restarts: 1, IsHealthy: true }, Timeouts.Condition, Cancellation))[0];

        Assert.NotEqual(victim.ProcessId, restarted.ProcessId);
        Assert.Equal(victim.Urls, restarted.Urls);
        using var client = app.CreateHttpClient(victim.Name);
        var info = await client.GetFromJsonAsync<InstanceInfo>("/info", Cancellation);
        Assert.Equal(victim.Name, info?.Instance);
    }

    [Fact]
    public async Task KillingOneReplicaLeavesTheOthersAlone()
    {
        await using var distribution = await StartTwoReplicasAsync();
        var app = distribution.App;
        var (victim, bystander) = (app.ResourceNotifications.Find("operations")[0], app.ResourceNotifications.Find("operations")[1]);

        await app.ResourceCommands.KillAsync(victim.Name, Cancellation);
        await app.WaitForResourceAsync(victim.Name, replicas => replicas[0] is { Restarts: 1, IsHealthy: true }, Timeouts.Condition, Cancellation);

        // A health probe slowed by the victim's restart may flap the bystander for a moment; it must recover on its own,
        // as the same process.
        var after = (await app.WaitForResourceAsync(bystander.Name, replicas => replicas[0].IsHealthy, Timeouts.Condition, Cancellation))[0];
        Assert.Equal((bystander.ProcessId, 0), (after.ProcessId, after.Restarts));
    }

    [Fact]
    public async Task StoppedReplicaIsNotRestartedUntilStartedAgain()
    {
        await using var distribution = await StartTwoReplicasAsync();
        var app = distribution.App;
        var replica = app.ResourceNotifications.Find("operations")[0];

        await app.ResourceCommands.StopAsync(replica.Name);
        var stopped = app.ResourceNotifications.Find(replica.Name)[0];
        await app.ResourceCommands.StartAsync(replica.Name);
        var started = (await app.WaitForResourceHealthyAsync(replica.Name, Timeouts.Condition, Cancellation))[0];

        Assert.Equal((ResourceState.Exited, false, 0), (stopped.State, stopped.IsRestarting, stopped.Restarts));
        Assert.False(ProcessTable.IsRunning(replica.ProcessId!.Value));
        Assert.NotEqual(replica.ProcessId, started.ProcessId);
        Assert.Equal(0, started.Restarts);
    }

    [Fact]
    public async Task RestartCommandReplacesEveryReplicaOfAResource()
    {
        await using var distribution = await StartTwoReplicasAsync();
        var app = distribution.App;
        var before = app.ResourceNotifications.Find("operations");

        await app.ResourceCommands.ExecuteCommandAsync("operations", ResourceCommandService.Restart);
        var after = await app.WaitForResourceHealthyAsync("operations", Timeouts.Condition, Cancellation);

        Assert.Equal(before.Select(replica => replica.Name), after.Select(replica => replica.Name));
        Assert.Empty(before.Select(replica => replica.ProcessId).Intersect(after.Select(replica => replica.ProcessId)));
    }

    [Fact]
    public async Task DisposingTheDistributionLeavesNoProcessBehind()
    {
        var distribution = await StartTwoReplicasAsync();
        var processes = distribution.App.ResourceNotifications.Snapshots.Select(replica => replica.ProcessId!.Value).ToList();

        await distribution.DisposeAsync();

        Assert.All(processes, process => Assert.False(ProcessTable.IsRunning(process), $"pid {process} is still running"));
    }

    private static Task<TestDistribution> StartTwoReplicasAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<Projects.Exam3_Operations>("operations").WithReplicas(2).WithHttpHealthCheck("/health");
        return TestDistribution.StartAsync(builder, Timeouts.Startup, Cancellation);
    }

    private sealed record InstanceInfo(string Instance);
}
