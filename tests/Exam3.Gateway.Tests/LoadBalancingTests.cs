using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exam3.Gateway.Tests.Harness;
using Exam3.TestSupport;

namespace Exam3.Gateway.Tests;

/// <summary>Round robin over the passing instances, following registrations and deregistrations as they happen.</summary>
[Collection(ProcessTests.Name)]
public sealed class LoadBalancingTests(TopologyFixture fixture) : IClassFixture<TopologyFixture>
{
    private readonly Topology _topology = fixture.Topology;

    [Fact]
    public async Task RoundRobinIsExactOverThirtyRequests()
    {
        string[] instances = ["rr-a", "rr-b", "rr-c"];
        await StartRegisteredAsync("rr", "/api/rr", instances);
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
        await StartRegisteredAsync("grow", "/api/grow", "grow-a", "grow-b");
        await _topology.WaitUntilServedByAsync("/api/grow/add?a=1&b=2", "grow-a", "grow-b");
        var newcomer = await _topology.StartOperationsAsync("grow", "grow-c");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _topology.RegisterAsync("grow", "grow-c", newcomer.BaseAddress, "/api/grow");
        await _topology.WaitUntilServedByAsync("/api/grow/add?a=1&b=2", "grow-c");

        TestContext.Current.TestOutputHelper?.WriteLine($"grow-c served its first request {clock.ElapsedMilliseconds} ms after its registration returned.");
        var servedBy = new List<string>();
        for (var request = 0; request < 9; request++)
        {
            servedBy.Add(await AddThroughGatewayAsync("/api/grow"));
        }

        Assert.Equal(3, servedBy.Count(served => served == "grow-c"));
    }

    [Fact]
    public async Task DeregisteredInstanceGetsNothingOnceItsDeregistrationReturned()
    {
        var replicas = await StartRegisteredAsync("shrink", "/api/shrink", "shrink-a", "shrink-b", "shrink-c");
        await _topology.WaitUntilServedByAsync("/api/shrink/add?a=1&b=2", "shrink-a", "shrink-b", "shrink-c");
        var leaving = replicas[0];
        var servedBefore = await RequestsServedAsync(leaving);

        Assert.True(await _topology.DeregisterAsync("shrink-a"));
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
        await StartRegisteredAsync("lonely", "/api/lonely", "lonely-a");
        await _topology.WaitUntilServedByAsync("/api/lonely/add?a=1&b=2", "lonely-a");

        await _topology.DeregisterAsync("lonely-a");
        await Eventually.UntilAsync("the gateway to answer 503", TimeSpan.FromSeconds(10), async () =>
        {
            using var probe = await _topology.Client.GetAsync("/api/lonely/add?a=1&b=2");
            return probe.StatusCode == HttpStatusCode.ServiceUnavailable;
        });

        using var response = await _topology.Client.GetAsync("/api/lonely/add?a=1&b=2", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await response.Content.ReadFromJsonAsync<JsonDocument>(TestContext.Current.CancellationToken);
        Assert.Equal(503, problem!.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("lonely", problem.RootElement.GetProperty("service").GetString());
        Assert.Contains("lonely", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<ProjectProcess>> StartRegisteredAsync(string service, string prefix, params string[] instances)
    {
        var replicas = await Task.WhenAll(instances.Select(instance => _topology.StartOperationsAsync(service, instance)));
        for (var index = 0; index < instances.Length; index++)
        {
            await _topology.RegisterAsync(service, instances[index], replicas[index].BaseAddress, prefix);
        }

        return [.. replicas];
    }

    /// <summary>GET prefix/add?a=1&amp;b=2 through the gateway; checks the answer and returns the instance that served it.</summary>
    private async Task<string> AddThroughGatewayAsync(string prefix)
    {
        using var response = await _topology.Client.GetAsync($"{prefix}/add?a=1&b=2", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await response.Content.ReadFromJsonAsync<JsonDocument>(TestContext.Current.CancellationToken);
        Assert.Equal(3m, body!.RootElement.GetProperty("result").GetDecimal());
        var instance = body.RootElement.GetProperty("instance").GetString()!;
        Assert.Equal(instance, response.Headers.GetValues(Topology.ServedBy).Single());
        return instance;
    }

    private static async Task<long> RequestsServedAsync(ProjectProcess replica)
    {
        using var client = new HttpClient { BaseAddress = replica.BaseAddress };
        using var info = await client.GetFromJsonAsync<JsonDocument>("/info", TestContext.Current.CancellationToken);
        return info!.RootElement.GetProperty("requestsServed").GetInt64();
    }
}
