using Exam3.ServiceDefaults.Processes;

namespace Exam3.EndToEnd.Tests;

/// <summary>The behaviours every distribution must show whichever way its registry runs, each acted and asserted once.</summary>
internal static class Scenarios
{
    /// <summary>Thirty GETs through the gateway, once every replica is routed to: each replica answers exactly ten.</summary>
    public static async Task ThirtyGatewayRequestsHitEachReplicaTenTimesAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var replicas = (await app.HealthyOperationsAsync(cancellationToken)).Names();
        using var gateway = app.CreateHttpClient("gateway");
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas, cancellationToken);

        var hits = new List<string>();
        for (var request = 0; request < 30; request++)
        {
            hits.Add(await GatewayCalls.MultiplyAsync(gateway, cancellationToken));
        }

        Assert.Equal(
            replicas.Order().Select(replica => (replica, 10)),
            hits.CountBy(instance => instance).OrderBy(hit => hit.Key).Select(hit => (hit.Key, hit.Value)));
    }

    /// <summary>
    /// SIGKILLs the first healthy replica while GETs loop through the gateway and HAProxy, waits until the registry's
    /// check of it fails (it never deregistered) and the survivors have served both loops, and asserts that no GET
    /// failed. Returns the replicas as they were, the victim first.
    /// </summary>
    public static async Task<IReadOnlyList<Replicas.Replica>> KillAReplicaUnderLoadAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var replicas = await app.HealthyOperationsAsync(cancellationToken);
        var victim = replicas[0];
        var survivors = replicas.Skip(1).Select(replica => replica.Name).ToList();
        using var registry = app.CreateRegistryClient();
        using var gateway = app.CreateHttpClient("gateway");
        using var haproxy = app.CreateHaproxyClient();
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas.Select(replica => replica.Name), cancellationToken);
        await GatewayCalls.UntilExactlyTheseAnswerAsync(haproxy, replicas.Select(replica => replica.Name), cancellationToken, path: "/");

        await using var throughGateway = GatewayRequestLoop.Start(gateway, cancellationToken);
        await using var throughHaproxy = GatewayRequestLoop.Start(haproxy, cancellationToken, path: "/");
        var process = victim.ProcessId;
        TestContext.Current.TestOutputHelper?.WriteLine($"SIGKILL to {victim.Name} (pid {process}) at {DateTimeOffset.UtcNow:HH:mm:ss.fff} (UTC).");
        Assert.True(ProcessSignals.Send(process, ProcessSignals.SigKill));

        await Eventually.UntilAsync($"the registry's check of {victim.Name} to fail", Timeouts.Condition, async () =>
            (await Registry.InstancesAsync(registry, Distribution.Operations, cancellationToken))
                .SingleOrDefault(entry => entry.Service.ID == victim.Name) is { } entry && Registry.ServiceCheck(entry) is { Status: "critical" });
        var answersAfterDrop = (Gateway: throughGateway.Served.Count, Haproxy: throughHaproxy.Served.Count);
        await Eventually.UntilAsync("both loops to get answers after the registry dropped the victim", Timeouts.Condition, () =>
            throughGateway.Served.Count > answersAfterDrop.Gateway + 20 && throughHaproxy.Served.Count > answersAfterDrop.Haproxy + 20);
        await throughGateway.StopAsync();
        await throughHaproxy.StopAsync();

        Assert.True(throughGateway.Failures.IsEmpty, $"Failed requests through the gateway:\n{string.Join("\n", throughGateway.Failures)}");
        Assert.True(throughHaproxy.Failures.IsEmpty, $"Failed requests through HAProxy:\n{string.Join("\n", throughHaproxy.Failures)}");
        Assert.All(throughGateway.Served.Skip(answersAfterDrop.Gateway), answer => Assert.Contains(answer.Instance, survivors));
        Assert.All(throughHaproxy.Served.Skip(answersAfterDrop.Haproxy), answer => Assert.Contains(answer.Instance, survivors));
        return replicas;
    }

    /// <summary>
    /// Starts the killed replica again with the dashboard's Start command, as a user would (Aspire does not restart a
    /// crashed resource), and waits until every replica answers through the gateway and HAProxy again, so that the
    /// tests that share the distribution find all of them, whatever order they run in.
    /// </summary>
    public static async Task StartTheVictimAgainAsync(DistributedApplication app, IReadOnlyList<Replicas.Replica> replicas, CancellationToken cancellationToken)
    {
        var victim = replicas[0];
        using var gateway = app.CreateHttpClient("gateway");
        using var haproxy = app.CreateHaproxyClient();

        var started = await app.ResourceCommands.ExecuteCommandAsync(victim.Name, KnownResourceCommands.StartCommand, cancellationToken);
        Assert.True(started.Success, started.Message);
        var restarted = await app.HealthyOperationsAsync(cancellationToken);
        Assert.Contains(victim.Name, restarted.Select(replica => replica.Name));
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas.Select(replica => replica.Name), cancellationToken);
        await GatewayCalls.UntilExactlyTheseAnswerAsync(haproxy, replicas.Select(replica => replica.Name), cancellationToken, path: "/");
    }
}
