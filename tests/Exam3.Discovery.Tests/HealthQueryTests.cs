namespace Exam3.Discovery.Tests;

public sealed class HealthQueryTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TagAndFilterSelectInstances()
    {
        await _client.RegisterAsync(new { Name = "tagged", ID = "tagged-1", Tags = new[] { "v1", "blue" }, Meta = new Dictionary<string, string> { ["zone"] = "a" } });
        await _client.RegisterAsync(new { Name = "tagged", ID = "tagged-2", Tags = new[] { "v2" }, Meta = new Dictionary<string, string> { ["zone"] = "b" } });

        Assert.Equal(["tagged-1"], await IdsAsync("/v1/health/service/tagged?tag=v1"));
        Assert.Empty(await IdsAsync("/v1/health/service/tagged?tag=v1&tag=v2"));
        Assert.Equal(["tagged-2"], await IdsAsync("/v1/health/service/tagged?filter=" + Uri.EscapeDataString("Service.Tags contains \"v2\"")));
        Assert.Equal(["tagged-1"], await IdsAsync("/v1/health/service/tagged?filter=" + Uri.EscapeDataString("Service.Meta.zone == a and not (\"v2\" in Service.Tags)")));
        Assert.Equal(["tagged-1", "tagged-2"], await IdsAsync("/v1/health/service/tagged?filter=" + Uri.EscapeDataString("Service.ID == \"tagged-1\" or Service.Meta.zone != a")));
        Assert.Equal(["tagged-2"], await IdsAsync("/v1/health/service/tagged?filter=" + Uri.EscapeDataString("Service.ID matches \"-2$\"")));
    }

    [Fact]
    public async Task FilterOnCheckStatusLooksAtEveryCheck()
    {
        await _client.RegisterAsync(new { Name = "mixed", ID = "mixed-ok", Check = new { TTL = "60s", Status = "passing" } });
        await _client.RegisterAsync(new { Name = "mixed", ID = "mixed-bad", Check = new { TTL = "60s", Status = "critical" } });

        Assert.Equal(["mixed-bad"], await IdsAsync("/v1/health/service/mixed?filter=" + Uri.EscapeDataString("Checks.Status == critical")));
        Assert.Equal(["mixed-ok"], await IdsAsync("/v1/health/service/mixed?passing=1"));
        Assert.Equal(["mixed-bad", "mixed-ok"], await IdsAsync("/v1/health/service/mixed?passing=false"));
    }

    [Fact]
    public async Task WarningInstanceIsNotPassing()
    {
        await _client.RegisterAsync(new { Name = "warned", Check = new { TTL = "60s", Status = "warning" } });

        Assert.Empty(await IdsAsync("/v1/health/service/warned?passing"));
        Assert.Equal(["warned"], await IdsAsync("/v1/health/service/warned"));
    }

    [Fact]
    public async Task ChecksByServiceAndByStateAreListed()
    {
        await _client.RegisterAsync(new { Name = "stateful", Check = new { TTL = "60s", Status = "warning" } });

        var byService = (await _client.ReadAsync("/v1/health/checks/stateful")).Json;
        var warning = (await _client.ReadAsync("/v1/health/state/warning")).Json;
        var any = (await _client.ReadAsync("/v1/health/state/any")).Json;

        Assert.Equal("service:stateful", Assert.Single(byService.EnumerateArray()).GetProperty("CheckID").GetString());
        Assert.Contains(warning.EnumerateArray(), check => check.GetProperty("CheckID").GetString() == "service:stateful");
        Assert.DoesNotContain(warning.EnumerateArray(), check => check.GetProperty("Status").GetString() != "warning");
        Assert.Contains(any.EnumerateArray(), check => check.GetProperty("CheckID").GetString() == "serfHealth");
    }

    [Fact]
    public async Task CatalogListsCriticalInstancesToo()
    {
        await _client.RegisterAsync(new { Name = "sick", Address = "10.0.0.9", Port = 9, Check = new { TTL = "60s" } });

        var instances = (await _client.ReadAsync("/v1/catalog/service/sick")).Json;

        var instance = Assert.Single(instances.EnumerateArray());
        Assert.Equal("10.0.0.9", instance.GetProperty("ServiceAddress").GetString());
        Assert.Equal(DiscoveryFactory.NodeName, instance.GetProperty("Node").GetString());
        Assert.Equal("127.0.0.1", instance.GetProperty("Address").GetString());
    }

    [Fact]
    public async Task StatusNamesThisAgentAsLeaderAndOnlyPeer()
    {
        Assert.Equal("127.0.0.1:8300", (await _client.ReadAsync("/v1/status/leader")).Json.GetString());
        Assert.Equal("127.0.0.1:8300", Assert.Single((await _client.ReadAsync("/v1/status/peers")).Json.EnumerateArray()).GetString());
        Assert.Equal(DiscoveryFactory.NodeName, Assert.Single((await _client.ReadAsync("/v1/agent/members")).Json.EnumerateArray()).GetProperty("Name").GetString());
        Assert.Equal("dc1", (await _client.ReadAsync("/v1/agent/self")).Json.GetProperty("Config").GetProperty("Datacenter").GetString());
    }

    private async Task<string[]> IdsAsync(string path)
    {
        var answer = await _client.ReadAsync(path);
        Assert.True(answer.Status == System.Net.HttpStatusCode.OK, $"{path}: {(int)answer.Status} {answer.Body}");
        return [.. answer.Json.EnumerateArray().Select(entry => entry.GetProperty("Service").GetProperty("ID").GetString()!).Order(StringComparer.Ordinal)];
    }
}
