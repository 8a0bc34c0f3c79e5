namespace Exam3.LoadBalancer.Tests;

/// <summary>The runtime-API side against a real HAProxy and real replicas, without a registry.</summary>
public sealed class BackendSynchronizerTests(ReplicasFixture fixture) : IClassFixture<ReplicasFixture>
{
    private readonly Replicas _replicas = fixture.Replicas;

    [Fact]
    public async Task RequestsThroughTheFrontendRotateOverTheReplicas()
    {
        await using var haproxy = await HaproxyHarness.StartAsync(slots: 8, Cancellation);

        await haproxy.Synchronizer.ApplyAsync([.. _replicas.All.Select(Replicas.Member)], Cancellation);

        var served = await haproxy.Frontend.ServedByAsync(9, Cancellation);
        Assert.True(Frontend.IsRotation(served, ["operations-a", "operations-b", "operations-c"]), string.Join(", ", served));
    }

    [Fact]
    public async Task RemovedReplicaLeavesTheBackendAndTheOthersKeepTheirSlots()
    {
        await using var haproxy = await HaproxyHarness.StartAsync(slots: 8, Cancellation);
        await haproxy.Synchronizer.ApplyAsync([.. _replicas.All.Select(Replicas.Member)], Cancellation);

        await haproxy.Synchronizer.ApplyAsync([Replicas.Member(_replicas[0]), Replicas.Member(_replicas[2])], Cancellation);

        var servers = await haproxy.ServersAsync(Cancellation);
        Assert.Equal([false, true, false], servers.Take(3).Select(server => server.IsInMaintenance));
        Assert.Equal(Replicas.Member(_replicas[2]).Endpoint, servers[2].Address);
        var served = await haproxy.Frontend.ServedByAsync(6, Cancellation);
        Assert.True(Frontend.IsRotation(served, ["operations-a", "operations-c"]), string.Join(", ", served));
    }

    [Fact]
    public async Task NewReplicaJoinsTheRotation()
    {
        await using var haproxy = await HaproxyHarness.StartAsync(slots: 8, Cancellation);
        await haproxy.Synchronizer.ApplyAsync([Replicas.Member(_replicas[0]), Replicas.Member(_replicas[1])], Cancellation);

        await haproxy.Synchronizer.ApplyAsync([.. _replicas.All.Select(Replicas.Member)], Cancellation);

        var served = await haproxy.Frontend.ServedByAsync(9, Cancellation);
        Assert.True(Frontend.IsRotation(served, ["operations-a", "operations-b", "operations-c"]), string.Join(", ", served));
        Assert.Equal(0, haproxy.Synchronizer.Current.Reloads);
    }

    [Fact]
    public async Task RenderedFileNamesTheReplicaInEverySlot()
    {
        await using var haproxy = await HaproxyHarness.StartAsync(slots: 4, Cancellation);

        await haproxy.Synchronizer.ApplyAsync([Replicas.Member(_replicas[1])], Cancellation);

        var servers = (await File.ReadAllLinesAsync(haproxy.Options.ConfigurationPath, Cancellation))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("server ", StringComparison.Ordinal));
        Assert.Equal(
            [$"server s1 127.0.0.1:{_replicas[1].BaseAddress.Port}  # operations-b", "server s2 127.0.0.1:1 disabled  # free", "server s3 127.0.0.1:1 disabled  # free", "server s4 127.0.0.1:1 disabled  # free"],
            servers);
    }

    [Fact]
    public async Task FullPoolGrowsWithAGracefulReloadThatFailsNoRequest()
    {
        await using var haproxy = await HaproxyHarness.StartAsync(slots: 1, Cancellation);
        await haproxy.Synchronizer.ApplyAsync([Replicas.Member(_replicas[0])], Cancellation);
        await using var loop = TestSupport.RequestLoop.Start(haproxy.Frontend.ServedByAsync, Cancellation);
        await Eventually(() => loop.Served.Count > 20);

        await haproxy.Synchronizer.ApplyAsync([.. _replicas.All.Select(Replicas.Member)], Cancellation);
        var servedBefore = loop.Served.Count;
        await Eventually(() => loop.Served.Count > servedBefore + 50);
        // Stopped before the rotation is checked: round robin is shared by every client.
        await loop.StopAsync();

        Assert.Empty(loop.Failures);
        Assert.Equal(1, haproxy.Synchronizer.Current.Reloads);
        Assert.Equal(4, (await haproxy.ServersAsync(Cancellation)).Count);
        var served = await haproxy.Frontend.ServedByAsync(9, Cancellation);
        Assert.True(Frontend.IsRotation(served, ["operations-a", "operations-b", "operations-c"]), string.Join(", ", served));
    }

    private static Task Eventually(Func<bool> condition) =>
        TestSupport.Eventually.UntilAsync("the request loop to make progress", TimeSpan.FromSeconds(30), condition);
}
