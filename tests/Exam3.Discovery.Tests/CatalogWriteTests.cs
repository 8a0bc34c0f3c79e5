namespace Exam3.Discovery.Tests;

/// <summary>The catalog and agent endpoints Consul tools call beyond registration: datacenters, a node, direct catalog writes, node maintenance.</summary>
public sealed class CatalogWriteTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task DatacentersAreThisAgentsOne()
    {
        var answer = await _client.ReadAsync("/v1/catalog/datacenters");

        Assert.Equal(["dc1"], answer.Json.EnumerateArray().Select(dc => dc.GetString()));
    }

    [Fact]
    public async Task CatalogNodeListsTheNodeAndItsServicesByIdAndAnUnknownNodeIsNull()
    {
        await _client.RegisterAsync(new { Name = "on-node", ID = "on-node-1", Port = 7 });

        var node = (await _client.ReadAsync($"/v1/catalog/node/{DiscoveryFactory.NodeName}")).Json;
        var unknown = await _client.ReadAsync("/v1/catalog/node/nobody");

        Assert.Equal(DiscoveryFactory.NodeName, node.GetProperty("Node").GetProperty("Node").GetString());
        Assert.Equal(7, node.GetProperty("Services").GetProperty("on-node-1").GetProperty("Port").GetInt32());
        Assert.True(node.GetProperty("Services").TryGetProperty("consul", out _));
        unknown.ShouldBe(HttpStatusCode.OK, "null\n");
    }

    [Fact]
    public async Task CatalogRegisterWritesAnEntryTheAgentDoesNotManage()
    {
        var register = await _client.WriteJsonAsync("/v1/catalog/register", new
        {
            Node = DiscoveryFactory.NodeName,
            Address = "127.0.0.1",
            Service = new { ID = "external-1", Service = "external", Port = 9000, Address = "10.0.0.5" },
            Check = new { CheckID = "external-up", Name = "external up", Status = "passing", ServiceID = "external-1" },
        });

        Assert.Equal("true\n", register.Body);
        var entry = Assert.Single((await _client.ReadAsync("/v1/health/service/external?passing")).Json.EnumerateArray());
        Assert.Equal("10.0.0.5", entry.GetProperty("Service").GetProperty("Address").GetString());
        Assert.Contains(entry.GetProperty("Checks").EnumerateArray(), check => check.GetProperty("CheckID").GetString() == "external-up");
        Assert.False((await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("external-1", out _));

        var deregister = await _client.WriteJsonAsync("/v1/catalog/deregister", new { Node = DiscoveryFactory.NodeName, ServiceID = "external-1" });

        Assert.Equal("true\n", deregister.Body);
        Assert.Equal(0, (await _client.ReadAsync("/v1/catalog/service/external")).Json.GetArrayLength());
        Assert.Equal("true\n", (await _client.WriteJsonAsync("/v1/catalog/deregister", new { Node = DiscoveryFactory.NodeName, ServiceID = "external-1" })).Body);
    }

    [Theory]
    [InlineData("""{"Address":"1.2.3.4"}""", HttpStatusCode.InternalServerError, "Must provide node")]
    [InlineData("""{"Node":"test-node"}""", HttpStatusCode.InternalServerError, "Must provide address if SkipNodeUpdate is not set")]
    [InlineData("""{"Node":"test-node","Address":"1.2.3.4","Service":{"ID":"x"}}""", HttpStatusCode.InternalServerError, "Must provide service name with ID")]
    [InlineData("""{"Node":"test-node","Address":"1.2.3.4","Check":{"Name":"c","ServiceID":"missing"}}""", HttpStatusCode.InternalServerError, "Missing service registration")]
    [InlineData("""{"Node":"other","Address":"1.2.3.4"}""", HttpStatusCode.BadRequest, "This registry is a single node, \"test-node\": it cannot hold node \"other\"")]
    [InlineData("""{"Node":"test-node","Bogus":1}""", HttpStatusCode.BadRequest, "Request decode failed: json: unknown field \"Bogus\"")]
    public async Task InvalidCatalogRegistrationIsRefused(string body, HttpStatusCode status, string message)
    {
        var answer = await _client.WriteAsync("/v1/catalog/register", body);

        answer.ShouldBe(status, message);
    }

    [Fact]
    public async Task NodeMaintenanceTakesEveryInstanceOutOfPassingUntilDisabled()
    {
        await _client.RegisterAsync(new { Name = "maintained", Check = new { TTL = "300s", Status = "passing" } });
        Assert.Equal(1, (await _client.ReadAsync("/v1/health/service/maintained?passing")).Json.GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await _client.WriteAsync("/v1/agent/maintenance?enable=true")).Status);

        Assert.Equal(0, (await _client.ReadAsync("/v1/health/service/maintained?passing")).Json.GetArrayLength());
        var check = await _client.CheckAsync("_node_maintenance");
        Assert.Equal("Node Maintenance Mode", check.GetProperty("Name").GetString());
        Assert.Equal("maintenance", check.GetProperty("Type").GetString());
        Assert.Equal("Maintenance mode is enabled for this node, but no reason was provided. This is a default message.", check.GetProperty("Notes").GetString());

        await _client.WriteAsync("/v1/agent/maintenance?enable=false");
        Assert.Equal(1, (await _client.ReadAsync("/v1/health/service/maintained?passing")).Json.GetArrayLength());
    }

    [Fact]
    public async Task TokenSelfWithAclsOffIsConsulsAclDisabled()
    {
        var answer = await _client.ReadAsync("/v1/acl/token/self");

        answer.ShouldBe(HttpStatusCode.Unauthorized, "ACL support disabled");
    }
}
