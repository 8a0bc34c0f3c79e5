namespace Exam3.LoadBalancer.Tests;

/// <summary>HAProxy's checks, retries and redispatch, with no registry to help: a replica that dies costs no request.</summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task KilledReplicaCostsNoFailedRequest()
    {
        await using var replicas = await Replicas.StartAsync("operations-x", "operations-y", "operations-z");
        await using var haproxy = await HaproxyHarness.StartAsync(slots: 8, Cancellation);
        await haproxy.Synchronizer.ApplyAsync([.. replicas.All.Select(Replicas.Member)], Cancellation);
        await using var loop = TestSupport.RequestLoop.Start(haproxy.Frontend.ServedByAsync, Cancellation);
        await Eventually("requests to flow", () => Task.FromResult(loop.Served.Count > 30));

        replicas[1].Kill();
        await Eventually("HAProxy's checks to mark the killed replica down", async () =>
            (await haproxy.ServersAsync(Cancellation))[1].Status == "DOWN");
        var servedAfterDown = loop.Served.Count;
        await Eventually("requests to keep flowing", () => Task.FromResult(loop.Served.Count > servedAfterDown + 30));
        await loop.StopAsync();

        Assert.Empty(loop.Failures);
        var served = await haproxy.Frontend.ServedByAsync(6, Cancellation);
        Assert.True(Frontend.IsRotation(served, ["operations-x", "operations-z"]), string.Join(", ", served));
    }

    private static Task Eventually(string what, Func<Task<bool>> condition) =>
        TestSupport.Eventually.UntilAsync(what, TimeSpan.FromSeconds(30), condition);
}
