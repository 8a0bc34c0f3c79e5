using Exam3.Hosting;
using Exam3.Hosting.ApplicationModel;
using Exam3.Hosting.Testing;

namespace Exam3.AppHost.Tests;

/// <summary>
/// A registry → replicated api → front chain. Operations stands in for every project (the registry's readiness path is
/// pointed at /health), since the ordering and the variables do not depend on what the processes do.
/// </summary>
public sealed class OrderingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DependentStartsOnlyOnceEveryReplicaOfItsDependencyIsHealthy()
    {
        var builder = Chain();
        var app = builder.Build();
        var events = new List<ResourceSnapshot>();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        // Not Task.Run: called directly, the watch subscribes before this line returns, so it sees every change.
        var watcher = CollectAsync(app.ResourceNotifications.WatchAsync(watching.Token), events);

        await using (app)
        {
            await app.StartAsync(Cancellation);
            await app.WaitForAllHealthyAsync(Timeouts.Startup, Cancellation);
            await watching.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watcher);
        }

        Assert.True(FirstIndex(events, "api", ResourceState.Starting) > LastIndexBeforeHealthy(events, "consul"));
        Assert.True(FirstIndex(events, "front", ResourceState.Starting) > LastIndexBeforeHealthy(events, "api"));
        Assert.Contains(events, snapshot => snapshot is { ResourceName: "front", State: ResourceState.Waiting });
    }

    [Fact]
    public async Task ReferencesArriveAsAspireAndConsulVariables()
    {
        await using var distribution = await TestDistribution.StartAsync(Chain(), Timeouts.Startup, Cancellation);
        var notifications = distribution.App.ResourceNotifications;
        var consulUrl = distribution.App.GetEndpoint("consul").ToString().TrimEnd('/');
        var apiUrls = notifications.Find("api").Select(replica => replica.Urls[0].ToString().TrimEnd('/')).ToList();

        Assert.All(notifications.Find("api"), replica =>
        {
            Assert.Equal(consulUrl, replica.Environment["ConnectionStrings__consul"]);
            Assert.Equal(consulUrl, replica.Environment["CONSUL_HTTP_ADDR"]);
        });
        var front = notifications.Find("front")[0].Environment;
        Assert.Equal(apiUrls, [front["services__api__http__0"], front["services__api__http__1"]]);
        Assert.False(front.ContainsKey("services__api__http__2"));
        Assert.False(front.ContainsKey("CONSUL_HTTP_ADDR"));
    }

    [Fact]
    public async Task StopStopsDependentsBeforeWhatTheyDependOn()
    {
        var distribution = await TestDistribution.StartAsync(Chain(), Timeouts.Startup, Cancellation);
        var notifications = distribution.App.ResourceNotifications;

        await distribution.DisposeAsync();

        DateTimeOffset Stopped(string name) => notifications.Find(name).Max(replica => replica.StoppedAt!.Value);
        DateTimeOffset FirstStopped(string name) => notifications.Find(name).Min(replica => replica.StoppedAt!.Value);
        Assert.True(Stopped("front") <= FirstStopped("api"));
        Assert.True(Stopped("api") <= FirstStopped("consul"));
        Assert.All(notifications.Snapshots, replica => Assert.Equal(ResourceState.Exited, replica.State));
    }

    [Fact]
    public async Task WaitingForADependencyThatNeverGetsHealthyEndsInFailedToStart()
    {
        var builder = DistributedApplicationTestingBuilder.Create("--AppHost:WaitTimeout=00:00:02");
        var broken = builder.AddProject<Projects.Exam3_Operations>("broken").WithHttpHealthCheck("/no-such-path");
        builder.AddProject<Projects.Exam3_Operations>("waiter").WaitFor(broken);
        await using var app = builder.Build();

        await app.StartAsync(Cancellation);
        var failed = (await app.WaitForResourceAsync(
            "waiter", replicas => replicas[0].State == ResourceState.FailedToStart, Timeouts.Condition, Cancellation))[0];

        Assert.Null(failed.ProcessId);
        Assert.Contains("broken", failed.Error, StringComparison.Ordinal);
        Assert.Contains("--AppHost:WaitTimeout", failed.Error, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() =>
            app.ResourceNotifications.WaitForResourceHealthyAsync("waiter", Cancellation));
        Assert.Contains("waiter", error.Message, StringComparison.Ordinal);
    }

    private static DistributedApplicationBuilder Chain()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var consul = builder.AddConsulRegistry<Projects.Exam3_Operations>("consul").WithHttpHealthCheck("/health");
        var api = builder.AddProject<Projects.Exam3_Operations>("api")
            .WithReference(consul).WaitFor(consul).WithReplicas(2).WithHttpHealthCheck("/health");
        builder.AddProject<Projects.Exam3_Operations>("front").WithReference(api).WaitFor(api).WithHttpHealthCheck("/health");
        return builder;
    }

    private static async Task CollectAsync(IAsyncEnumerable<ResourceSnapshot> snapshots, List<ResourceSnapshot> events)
    {
        await foreach (var snapshot in snapshots)
        {
            lock (events)
            {
                events.Add(snapshot);
            }
        }
    }

    private static int FirstIndex(List<ResourceSnapshot> events, string resource, ResourceState state) =>
        events.FindIndex(snapshot => snapshot.ResourceName == resource && snapshot.State == state);

    // The event after which every replica of the resource had become healthy.
    private static int LastIndexBeforeHealthy(List<ResourceSnapshot> events, string resource) =>
        events.Where(snapshot => snapshot.ResourceName == resource).Select(snapshot => snapshot.Name).Distinct()
            .Max(replica => events.FindIndex(snapshot => snapshot.Name == replica && snapshot.IsHealthy));
}
