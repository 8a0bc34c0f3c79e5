namespace Exam3.Discovery.Tests;

public sealed class ServiceRegistrationTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task RegisteredInstanceIsListedWithConsulDefaults()
    {
        await _client.RegisterAsync(new { Name = "defaults", ID = "defaults-1", Address = "10.0.0.7", Port = 8080, Tags = new[] { "v1" } });

        var service = (await _client.ReadAsync("/v1/agent/services")).Json.GetProperty("defaults-1");

        Assert.Equal("defaults", service.GetProperty("Service").GetString());
        Assert.Equal("v1", service.GetProperty("Tags")[0].GetString());
        Assert.Empty(service.GetProperty("Meta").EnumerateObject());
        Assert.Equal(1, service.GetProperty("Weights").GetProperty("Passing").GetInt32());
        Assert.Equal(1, service.GetProperty("Weights").GetProperty("Warning").GetInt32());
        Assert.Equal("10.0.0.7", service.GetProperty("TaggedAddresses").GetProperty("lan_ipv4").GetProperty("Address").GetString());
        Assert.Equal(8080, service.GetProperty("TaggedAddresses").GetProperty("wan_ipv4").GetProperty("Port").GetInt32());
        Assert.Equal("dc1", service.GetProperty("Datacenter").GetString());
    }

    [Fact]
    public async Task IdDefaultsToNameAndCheckGetsConsulGeneratedIdNameAndCriticalStatus()
    {
        await _client.RegisterAsync(new { Name = "generated", Check = new { TTL = "30s" } });

        var check = await _client.CheckAsync("service:generated");

        Assert.Equal("Service 'generated' check", check.GetProperty("Name").GetString());
        Assert.Equal("critical", check.GetProperty("Status").GetString());
        Assert.Equal("generated", check.GetProperty("ServiceID").GetString());
        Assert.Equal("ttl", check.GetProperty("Type").GetString());
    }

    [Fact]
    public async Task SeveralChecksAreNumberedFromOne()
    {
        await _client.RegisterAsync(new { Name = "numbered", Checks = new object[] { new { TTL = "30s" }, new { TTL = "30s", Status = "passing" } } });

        Assert.Equal("critical", await _client.CheckStatusAsync("service:numbered:1"));
        Assert.Equal("passing", await _client.CheckStatusAsync("service:numbered:2"));
    }

    [Fact]
    public async Task LowercaseAndSnakeCaseFieldsAndNanosecondDurationsAreAccepted()
    {
        var answer = await _client.WriteAsync("/v1/agent/service/register", """
            {"name":"lower","id":"lower-1","tags":["x"],"port":81,"address":"127.0.0.1","enable_tag_override":true,
             "tagged_addresses":{"custom":{"address":"10.1.1.1","port":9}},
             "check":{"name":"lower check","ttl":30000000000,"deregister_critical_service_after":"90m","Status":"warning"}}
            """);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var service = (await _client.ReadAsync("/v1/agent/services")).Json.GetProperty("lower-1");
        Assert.True(service.GetProperty("EnableTagOverride").GetBoolean());
        Assert.Equal("10.1.1.1", service.GetProperty("TaggedAddresses").GetProperty("custom").GetProperty("Address").GetString());
        var check = await _client.CheckAsync("service:lower-1");
        Assert.Equal("lower check", check.GetProperty("Name").GetString());
        Assert.Equal("warning", check.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task GoClientNullCheckAndChecksAreAccepted()
    {
        var answer = await _client.WriteAsync("/v1/agent/service/register", """{"Name":"goclient","Port":1,"Check":null,"Checks":null}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True((await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("goclient", out _));
    }

    [Fact]
    public async Task EmptyCheckObjectIsIgnored()
    {
        await _client.RegisterAsync(new { Name = "emptycheck", Check = new { } });

        Assert.Null(await _client.CheckStatusAsync("service:emptycheck"));
    }

    [Fact]
    public async Task ReRegistrationKeepsTheCheckStatusAndReplaceExistingChecksDropsTheOthers()
    {
        await _client.RegisterAsync(new { Name = "rereg", Checks = new object[] { new { CheckID = "keep", TTL = "30s" }, new { CheckID = "drop", TTL = "30s" } } });
        await _client.WriteAsync("/v1/agent/check/pass/keep");

        await _client.RegisterAsync(new { Name = "rereg", Checks = new object[] { new { CheckID = "keep", TTL = "30s" } } });
        Assert.Equal("passing", await _client.CheckStatusAsync("keep"));
        Assert.NotNull(await _client.CheckStatusAsync("drop"));

        var replaced = await _client.WriteJsonAsync("/v1/agent/service/register?replace-existing-checks", new { Name = "rereg", Checks = new object[] { new { CheckID = "keep", TTL = "30s" } } });
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal("passing", await _client.CheckStatusAsync("keep"));
        Assert.Null(await _client.CheckStatusAsync("drop"));
    }

    [Fact]
    public async Task IdenticalReRegistrationWritesNothing()
    {
        var registration = new { Name = "idempotent", Port = 5, Tags = new[] { "a" } };
        await _client.RegisterAsync(registration);
        var before = await _client.ReadAsync("/v1/health/service/idempotent");

        await _client.RegisterAsync(registration);
        var after = await _client.ReadAsync("/v1/health/service/idempotent");

        Assert.Equal(before.Index, after.Index);
    }

    [Fact]
    public async Task DeregisterRemovesTheInstanceAndItsChecks()
    {
        await _client.RegisterAsync(new { Name = "gone", Check = new { TTL = "30s" } });

        var answer = await _client.WriteAsync("/v1/agent/service/deregister/gone");

        answer.ShouldBe(HttpStatusCode.OK, "");
        Assert.False((await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("gone", out _));
        Assert.Null(await _client.CheckStatusAsync("service:gone"));
    }

    [Fact]
    public async Task SingleServiceIsServedWithItsContentHash()
    {
        await _client.RegisterAsync(new { Name = "single", Port = 7 });

        var answer = await _client.ReadAsync("/v1/agent/service/single");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("single", answer.Json.GetProperty("Service").GetString());
        Assert.Equal(answer.Header("X-Consul-ContentHash"), answer.Json.GetProperty("ContentHash").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/agent/service/no-such")).Status);
    }

    [Fact]
    public async Task FractionalNanosecondNumbersAreAcceptedAsGoDecodesThemViaFloat64()
    {
        var answer = await _client.WriteAsync("/v1/agent/service/register", """{"Name":"floaty","Check":{"HTTP":"http://127.0.0.1:1/","Interval":1.5e9,"Timeout":5e8}}""");

        answer.ShouldBe(HttpStatusCode.OK, "");
        var check = await _client.CheckAsync("service:floaty");
        Assert.Equal("1.5s", check.GetProperty("Interval").GetString());
        Assert.Equal("500ms", check.GetProperty("Timeout").GetString());
    }

    [Fact]
    public async Task IdWithASlashIsAddressedEscaped()
    {
        await _client.RegisterAsync(new { Name = "slashed", ID = "team/slashed-1", Check = new { TTL = "60s" } });

        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync("/v1/agent/service/team%2Fslashed-1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.WriteAsync("/v1/agent/check/pass/service:team%2Fslashed-1")).Status);
        Assert.Equal("passing", await _client.CheckStatusAsync("service:team/slashed-1"));
        Assert.Equal(HttpStatusCode.OK, (await _client.WriteAsync("/v1/agent/service/deregister/team%2Fslashed-1")).Status);
        Assert.False((await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("team/slashed-1", out _));
    }
}
