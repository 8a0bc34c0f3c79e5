namespace Exam3.Gateway.Tests;

/// <summary>Round robin over the passing instances, following registrations and deregistrations as they happen.</summary>
public sealed class LoadBalancingTests(TopologyFixture fixture) : ProcessTestClass, IClassFixture<TopologyFixture>
{
    private readonly Topology _topology = fixture.Topology;

    [Fact]
    public async Task RoundRobinIsExactOverThirtyRequests()
    {
        string[] instances = ["rr-a", "rr-b", "rr-c"];
        await StartRegisteredAsync("rr", "/api/rr", registerItself: true, instances);
        await _topology.WaitUntilServedByAsync("/api/rr/add?a=1&b=2", instances);

        var servedBy = new List<string>();
        for (var request = 0; request < 30; request++)
        {
            servedBy.Add(await AddThroughGatewayAsync("/api/rr"));
        }

        Assert.All(instances, instance => Assert.Equal(10, servedBy.Count(served => served == instance)));
        // Round robin, not merely even: every third answer comes from the same instance.
        Assert.All(Enumerable.Range(3, 27), index => Assert.Equal(servedBy[index - 3], servedBy[index]));
    }

    [Fact]
    public async Task NewInstanceGetsTrafficOnceRegistered()
    {
        await StartRegisteredAsync("grow", "/api/grow", registerItself: true, "grow-a", "grow-b");
        await _topology.WaitUntilServedByAsync("/api/grow/add?a=1&b=2", "grow-a", "grow-b");
        var newcomer = _topology.StartOperationsAsync("grow", "grow-c", "/api/grow");

        // The replica registers itself as it starts: traffic follows its registration and first passing check.
        await _topology.WaitUntilServedByAsync("/api/grow/add?a=1&b=2", "grow-c");
        await newcomer;
        var servedBy = new List<string>();
        for (var request = 0; request < 9; request++)
        {
            servedBy.Add(await AddThroughGatewayAsync("/api/grow"));
        }

        Assert.Equal(3, servedBy.Count(served => served == "grow-c"));
    }

    [Fact]
    public async Task DeregisteredInstanceSoonGetsNothingMore()
    {
        // Registered by the test, so that the instance stays up and reachable after its deregistration.
        var replicas = await StartRegisteredAsync("shrink", "/api/shrink", registerItself: false, "shrink-a", "shrink-b", "shrink-c");
        await _topology.WaitUntilServedByAsync("/api/shrink/add?a=1&b=2", "shrink-a", "shrink-b", "shrink-c");
        var leaving = replicas[0];

        Assert.True(await _topology.DeregisterAsync("shrink-a"));

        // The gateway learns of it through its blocking query, a moment after the deregistration returns. Under round
        // robin over three, three answers in a row without shrink-a mean the gateway has dropped it.
        var inARow = 0;
        await Eventually.UntilAsync("three answers in a row not served by shrink-a", TimeSpan.FromSeconds(10), async () =>
        {
            inARow = await AddThroughGatewayAsync("/api/shrink") == "shrink-a" ? 0 : inARow + 1;
            return inARow == 3;
        });
        var servedBefore = await RequestsServedAsync(leaving);
        var servedBy = new List<string>();
        for (var request = 0; request < 30; request++)
        {
            servedBy.Add(await AddThroughGatewayAsync("/api/shrink"));
        }

        Assert.DoesNotContain("shrink-a", servedBy);
        Assert.Equal(15, servedBy.Count(served => served == "shrink-b"));
        // Its own count moved by one: the /info call that reads it, and nothing from the gateway.
        Assert.Equal(servedBefore + 1, await RequestsServedAsync(leaving));
    }

    [Fact]
    public async Task ServiceWithNoInstanceLeftAnswers503ProblemDetailsNamingIt()
    {
        var replicas = await StartRegisteredAsync("lonely", "/api/lonely", registerItself: true, "lonely-a");
        await _topology.WaitUntilServedByAsync("/api/lonely/add?a=1&b=2", "lonely-a");

        // SIGTERM: the replica deregisters itself, drains and exits.
        await replicas[0].StopAsync(TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync("the gateway to answer 503", TimeSpan.FromSeconds(10), async () =>
        {
            using var probe = await _topology.Client.GetAsync("/api/lonely/add?a=1&b=2");
            return probe.StatusCode == HttpStatusCode.ServiceUnavailable;
        });

        using var response = await _topology.Client.GetAsync("/api/lonely/add?a=1&b=2", Cancellation);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await response.Content.ReadFromJsonAsync<JsonDocument>(Cancellation);
        Assert.Equal(503, problem!.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("lonely", problem.RootElement.GetProperty("service").GetString());
        Assert.Contains("lonely", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<ProjectProcess[]> StartRegisteredAsync(string service, string prefix, bool registerItself, params string[] instances) =>
        await Task.WhenAll(instances.Select(instance => _topology.StartOperationsAsync(service, instance, prefix, registerItself)));

    /// <summary>GET prefix/add?a=1&amp;b=2 through the gateway; checks the answer and returns the instance that served it.</summary>
    private async Task<string> AddThroughGatewayAsync(string prefix)
    {
        using var response = await _topology.Client.GetAsync($"{prefix}/add?a=1&b=2", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(Cancellation);
        Assert.Equal(3m, body!.RootElement.GetProperty("result").GetDecimal());
        var instance = body.RootElement.GetProperty("instance").GetString()!;
        Assert.Equal(instance, response.Headers.GetValues(Topology.ServedBy).Single());
        return instance;
    }

    private static async Task<long> RequestsServedAsync(ProjectProcess replica)
    {
        using var client = new HttpClient { BaseAddress = replica.BaseAddress };
        using var info = await client.GetFromJsonAsync<JsonDocument>("/info", Cancellation);
        return info!.RootElement.GetProperty("requestsServed").GetInt64();
    }
}
