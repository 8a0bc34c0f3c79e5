namespace Exam3.Discovery.Tests;

public sealed class AgentHealthTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AggregatedStatusIsTheWorstCheckAndItsStatusCode()
    {
        await _client.RegisterAsync(new { Name = "aggregate", ID = "aggregate-1", Checks = new object[] { new { CheckID = "a1", TTL = "60s", Status = "passing" }, new { CheckID = "a2", TTL = "60s", Status = "passing" } } });

        var passing = await _client.ReadAsync("/v1/agent/health/service/id/aggregate-1");
        Assert.Equal(HttpStatusCode.OK, passing.Status);
        Assert.Equal("passing", passing.Json.GetProperty("AggregatedStatus").GetString());
        Assert.Equal("aggregate", passing.Json.GetProperty("Service").GetProperty("Service").GetString());

        await _client.WriteAsync("/v1/agent/check/warn/a2");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _client.ReadAsync("/v1/agent/health/service/id/aggregate-1")).Status);

        await _client.WriteAsync("/v1/agent/check/fail/a1");
        var text = await _client.ReadAsync("/v1/agent/health/service/name/aggregate?format=text");
        text.ShouldBe(HttpStatusCode.ServiceUnavailable, "critical");

        await _client.WriteAsync("/v1/agent/service/maintenance/aggregate-1?enable=true");
        Assert.Equal("maintenance", (await _client.ReadAsync("/v1/agent/health/service/id/aggregate-1")).Json.GetProperty("AggregatedStatus").GetString());
    }

    [Fact]
    public async Task UnknownInstanceOrServiceIsNotFound()
    {
        Assert.Equal("ServiceId ghost not found", (await _client.ReadAsync("/v1/agent/health/service/id/ghost")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/agent/health/service/name/ghost")).Status);
    }

    [Fact]
    public async Task OtherDatacentersHaveNoPath()
    {
        var answer = await _client.ReadAsync("/v1/health/service/consul?dc=dc2");

        answer.ShouldBe(HttpStatusCode.InternalServerError, "No path to datacenter");
        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync("/v1/health/service/consul?dc=dc1")).Status);
    }
}
