using System.Text.RegularExpressions;

namespace Exam3.Gateway.Tests;

/// <summary>A replica dying costs the client nothing when replaying is safe, and a body is never sent twice.</summary>
public sealed partial class FailoverTests(TopologyFixture fixture) : ProcessTestClass, IClassFixture<TopologyFixture>
{
    private readonly Topology _topology = fixture.Topology;

    [Fact]
    public async Task KilledReplicaCostsNoFailedRequest()
    {
        string[] instances = ["kill-a", "kill-b", "kill-c"];
        var replicas = await Task.WhenAll(instances.Select(instance => _topology.StartOperationsAsync("kill", instance, "/api/kill")));
        await _topology.WaitUntilServedByAsync("/api/kill/add?a=1&b=2", instances);

        var outcomes = new List<(HttpStatusCode Status, string? ServedBy, bool AfterKill)>();
        var killed = false;
        var registryForgot = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        var afterRegistryForgot = 0;
        while (afterRegistryForgot < 30)
        {
            using var response = await _topology.Client.GetAsync("/api/kill/add?a=1&b=2", deadline.Token);
            outcomes.Add((response.StatusCode, response.Headers.TryGetValues(Topology.ServedBy, out var servedBy) ? servedBy.Single() : null, killed));
            if (outcomes.Count == 20)
            {
                replicas[0].Kill();
                killed = true;
            }
            else if (killed && !registryForgot)
            {
                registryForgot = !(await PassingAsync("kill")).Contains("kill-a");
            }
            else if (registryForgot)
            {
                afterRegistryForgot++;
            }
        }

        Assert.All(outcomes, outcome => Assert.Equal(HttpStatusCode.OK, outcome.Status));
        Assert.Contains(outcomes, outcome => !outcome.AfterKill && outcome.ServedBy == "kill-a");
        Assert.DoesNotContain(outcomes, outcome => outcome.AfterKill && outcome.ServedBy == "kill-a");
    }

    [Fact]
    public async Task GetIsReplayedOnAnotherReplicaWhenOneDropsItMidRequest()
    {
        var (dying, healthy) = await StartEchoPairAsync("drop-get", "/api/drop-get");

        var statuses = new List<HttpStatusCode>();
        var servedBy = new List<string>();
        for (var request = 0; request < 2; request++)
        {
            using var response = await _topology.Client.GetAsync("/api/drop-get/thing", Cancellation);
            statuses.Add(response.StatusCode);
            servedBy.Add(response.Headers.GetValues(Topology.ServedBy).Single());
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal([healthy.Id, healthy.Id], servedBy);
        Assert.Equal(1, dying.Count("GET"));
        Assert.Equal(2, healthy.Count("GET"));
    }

    [Fact]
    public async Task PostWithABodyIsNotReplayedAfterTheReplicaDroppedIt()
    {
        var (dying, healthy) = await StartEchoPairAsync("drop-post", "/api/drop-post");

        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < 2; request++)
        {
            using var body = JsonContent.Create(new { order = request });
            using var response = await _topology.Client.PostAsync("/api/drop-post/orders", body, Cancellation);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.BadGateway)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        // Round robin sends one POST to each; the dropped one fails rather than reaching the other replica too.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadGateway], statuses.Order());
        Assert.Equal(1, dying.Count("POST"));
        Assert.Equal(1, healthy.Count("POST"));
        Assert.All(dying.Received.Concat(healthy.Received), request => Assert.True(request.BodyBytes > 0));
    }

    [Fact]
    public async Task PostIsSentToAnotherReplicaWhenTheFirstRefusesTheConnection()
    {
        var healthy = await _topology.StartEchoAsync("refuse-live");
        await _topology.RegisterAsync("refuse", healthy.Id, healthy.BaseAddress, "/api/refuse");
        // Nothing listens there, yet the registry, with no check to run, calls it passing.
        await _topology.RegisterAsync("refuse", "refuse-ghost", new Uri($"http://127.0.0.1:{FreePort.Next()}/"), "/api/refuse", checkHealth: false);
        await Eventually.UntilAsync("both instances to pass", TimeSpan.FromSeconds(30), async () => (await PassingAsync("refuse")).Count == 2);
        // The registry knows both an instant before the gateway does; with the ghost alone routed, a POST has nowhere else to go.
        await Eventually.UntilAsync("the gateway to route to both instances", TimeSpan.FromSeconds(30), () =>
            _topology.Gateway.Output.Any(line => BothRefuseInstancesRouted().IsMatch(line)));

        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < 4; request++)
        {
            using var body = JsonContent.Create(new { order = request });
            using var response = await _topology.Client.PostAsync("/api/refuse/orders", body, Cancellation);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(4, healthy.Count("POST"));
    }

    [Fact]
    public async Task ReplicaRegisteredAfreshIsUsedAgainBeforeItsQuarantineEnds()
    {
        // A quarantine far longer than the test: only the registry's word can end it in time.
        var (gateway, client) = await _topology.StartGatewayAsync(new Dictionary<string, string?> { ["Gateway__FailedDestinationQuarantine"] = "00:10:00" });
        using (client)
        {
            var live = await _topology.StartEchoAsync("fresh-live");
            await _topology.RegisterAsync("fresh", live.Id, live.BaseAddress, "/api/fresh");
            await _topology.RegisterAsync("fresh", "fresh-back", new Uri($"http://127.0.0.1:{FreePort.Next()}/"), "/api/fresh", checkHealth: false);
            await Eventually.UntilAsync("fresh-back to fail once and be left out", TimeSpan.FromSeconds(30), async () =>
            {
                using var probe = await client.GetAsync("/api/fresh/x");
                return gateway.Output.Any(line => line.Contains("Instance fresh-back of fresh failed", StringComparison.Ordinal));
            });

            var back = await _topology.StartEchoAsync("fresh-back");
            await _topology.RegisterAsync("fresh", "fresh-back", back.BaseAddress, "/api/fresh", checkHealth: false);
            await Eventually.UntilAsync("fresh-back to be served again", TimeSpan.FromSeconds(30), async () =>
            {
                using var probe = await client.GetAsync("/api/fresh/x");
                return probe.Headers.TryGetValues(Topology.ServedBy, out var servedBy) && servedBy.Single() == "fresh-back";
            });

            Assert.NotEmpty(back.Received);
        }
    }

    /// <summary>Two echo replicas of one service, both passing; the first drops every request it gets.</summary>
    private async Task<(EchoReplica Dying, EchoReplica Healthy)> StartEchoPairAsync(string service, string prefix)
    {
        var dying = await _topology.StartRoutedEchoAsync(service, $"{service}-dying", prefix);
        var healthy = await _topology.StartRoutedEchoAsync(service, $"{service}-healthy", prefix);
        dying.DropsRequests = true;
        // The second one's warm-up went round the first too.
        dying.Received.Clear();
        return (dying, healthy);
    }

    // The gateway's "Routes from the registry" line once it routes /api/refuse to both of its instances, in either order.
    [GeneratedRegex(@"-> refuse \[(refuse-ghost, refuse-live|refuse-live, refuse-ghost)\]")]
    private static partial Regex BothRefuseInstancesRouted();

    private async Task<IReadOnlyList<string>> PassingAsync(string service)
    {
        var response = await _topology.Consul.GetHealthyInstancesAsync(service, 0, Cancellation);
        return [.. response.Value.Instances.Select(instance => instance.Id)];
    }
}
