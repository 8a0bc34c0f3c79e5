using System.Diagnostics;

namespace Exam3.Discovery.Tests;

public sealed class BlockingQueryTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task WaitingQueryIsAnsweredAsSoonAsTheServiceChanges()
    {
        await _client.RegisterAsync(new { Name = "watched", ID = "watched-1", Port = 1 });
        var first = await _client.ReadAsync("/v1/health/service/watched");

        var waiting = _client.ReadAsync($"/v1/health/service/watched?index={first.Index}&wait=60s");
        // A query that does not block answers within milliseconds; this one must still be open.
        Assert.False(await AnsweredWithinAsync(waiting, TimeSpan.FromMilliseconds(300)), "the query answered before anything changed");
        await _client.RegisterAsync(new { Name = "watched", ID = "watched-2", Port = 2 });
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Index > first.Index);
        Assert.Equal(2, answer.Json.GetArrayLength());
    }

    [Fact]
    public async Task WaitingQueryIsNotAnsweredByChangesToOtherServices()
    {
        await _client.RegisterAsync(new { Name = "quiet", Port = 1 });
        var first = await _client.ReadAsync("/v1/health/service/quiet");

        var clock = Stopwatch.StartNew();
        var waiting = _client.ReadAsync($"/v1/health/service/quiet?index={first.Index}&wait=1s");
        await _client.RegisterAsync(new { Name = "noisy", Port = 2 });
        await _client.WriteAsync("/v1/kv/noise", "x");
        var answer = await waiting;

        // Only the wait running out answers with the index the client already had, and only after the wait.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"answered after {clock.Elapsed}, before the 1s wait ran out");
        Assert.Equal(first.Index, answer.Index);
        Assert.True((await _client.ReadAsync("/v1/catalog/services")).Index > first.Index);
    }

    [Fact]
    public async Task WaitingQueryTimesOutWithCurrentData()
    {
        await _client.RegisterAsync(new { Name = "still", Port = 1 });
        var first = await _client.ReadAsync("/v1/health/service/still");
        var clock = Stopwatch.StartNew();

        var answer = await _client.ReadAsync($"/v1/health/service/still?index={first.Index}&wait=500ms");

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"answered after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(first.Index, answer.Index);
        Assert.Equal(first.Body, answer.Body);
    }

    [Fact]
    public async Task CheckStatusChangeWakesAPassingWatcher()
    {
        await _client.RegisterAsync(new { Name = "flipping", Check = new { TTL = "60s" } });
        var first = await _client.ReadAsync("/v1/health/service/flipping?passing");
        Assert.Equal(0, first.Json.GetArrayLength());

        var waiting = _client.ReadAsync($"/v1/health/service/flipping?passing&index={first.Index}&wait=60s");
        await _client.WriteAsync("/v1/agent/check/pass/service:flipping");
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.Equal(1, answer.Json.GetArrayLength());
    }

    [Fact]
    public async Task DeregistrationWakesAWatcherAndTheIndexStillGrows()
    {
        await _client.RegisterAsync(new { Name = "leaving", Port = 1 });
        var first = await _client.ReadAsync("/v1/health/service/leaving");

        var waiting = _client.ReadAsync($"/v1/health/service/leaving?index={first.Index}&wait=60s");
        await _client.WriteAsync("/v1/agent/service/deregister/leaving");
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.Equal(0, answer.Json.GetArrayLength());
        Assert.True(answer.Index > first.Index);
    }

    [Fact]
    public async Task CatalogServicesWatcherWakesOnANewService()
    {
        var first = await _client.ReadAsync("/v1/catalog/services");

        var waiting = _client.ReadAsync($"/v1/catalog/services?index={first.Index}&wait=60s");
        await _client.RegisterAsync(new { Name = "newcomer", Tags = new[] { "t1" } });
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.Equal("t1", answer.Json.GetProperty("newcomer")[0].GetString());
    }

    // A client blocks next on the index it was given: it is never 0, even for what does not exist.
    [Theory]
    [InlineData("/v1/health/service/never-registered", HttpStatusCode.OK, "[]\n")]
    [InlineData("/v1/kv/no/such/key", HttpStatusCode.NotFound, "")]
    public async Task IndexIsNeverZeroEvenForWhatDoesNotExist(string path, HttpStatusCode status, string body)
    {
        var answer = await _client.ReadAsync(path);

        answer.ShouldBe(status, body);
        Assert.True(answer.Index >= 1);
    }

    [Fact]
    public async Task AgentServiceHashBlockingWakesOnChange()
    {
        await _client.RegisterAsync(new { Name = "hashed", Port = 1 });
        var first = await _client.ReadAsync("/v1/agent/service/hashed");
        var hash = first.Header("X-Consul-ContentHash");

        var waiting = _client.ReadAsync($"/v1/agent/service/hashed?hash={hash}&wait=60s");
        await _client.RegisterAsync(new { Name = "hashed", Port = 2 });
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.Equal(2, answer.Json.GetProperty("Port").GetInt32());
        Assert.NotEqual(hash, answer.Header("X-Consul-ContentHash"));
    }

    [Fact]
    public async Task StaleAndConsistentAreReportedAndConflictIsRefused()
    {
        Assert.Equal("stale", (await _client.ReadAsync("/v1/catalog/services?stale")).Header("X-Consul-Effective-Consistency"));
        Assert.Equal("consistent", (await _client.ReadAsync("/v1/catalog/services?consistent")).Header("X-Consul-Effective-Consistency"));
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.ReadAsync("/v1/catalog/services?stale&consistent")).Status);
    }

    private static async Task<bool> AnsweredWithinAsync(Task<ConsulAnswer> query, TimeSpan window) =>
        await Task.WhenAny(query, Task.Delay(window, Cancellation)) == query;
}
