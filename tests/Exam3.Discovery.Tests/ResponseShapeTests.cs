namespace Exam3.Discovery.Tests;

/// <summary>
/// Every endpoint's answer against Consul's own: exactly the shape (paths, kinds and property order) of the responses
/// captured from real agents, and at least every field of the documentation's samples.
/// </summary>
public sealed class ResponseShapeTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    // Doc samples carry Enterprise's Namespace, a lock's Session, and an older agent's proxy fields, none of which a
    // current open-source dev agent writes; their lowercase tagged-address keys are a documentation slip (see Fixtures/README).
    private static readonly string[] NotInOpenSourceDevAgents = [".Namespace", ".Session", ".ServiceProxy.", ".ServiceConnect."];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HealthServiceHasExactlyTheShapeOfARealAgentsAnswer()
    {
        await using var target = await TargetServer.StartAsync();
        await _client.RegisterAsync(new
        {
            ID = "example_http_service_3000",
            Name = "example_http_service",
            Tags = new[] { "node-example_http_service", "example" },
            Address = "172.16.3.3",
            Port = 3000,
            Check = new { CheckID = "example_http_service_3000_status", Name = "example_http_service health status", HTTP = target.HealthUrl, Interval = "1s" },
        });
        await Eventually.UntilAsync("the check to pass", TimeSpan.FromSeconds(20),
            async () => await _client.CheckStatusAsync("example_http_service_3000_status") == "passing");

        var answer = await _client.ReadAsync("/v1/health/service/example_http_service");
        var observed = JsonShape.Fixture("health-service.observed-1.21.3.json");

        Assert.Equal(JsonShape.Paths(observed), JsonShape.Paths(answer.Json));
        Assert.Equal(JsonShape.Orders(observed), JsonShape.Orders(answer.Json));
        Assert.EndsWith("\n", answer.Body, StringComparison.Ordinal);
        Assert.Contains("\n    {\n        \"Node\": {", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthServiceHeadersAreARealAgentsHeaders()
    {
        await _client.RegisterAsync(new { Name = "headers" });

        var answer = await _client.ReadAsync("/v1/health/service/headers");

        Assert.Equal("application/json", answer.Header("Content-Type"));
        Assert.Equal("Accept-Encoding", answer.Header("Vary"));
        Assert.Equal("allow", answer.Header("X-Consul-Default-Acl-Policy"));
        Assert.Equal("leader", answer.Header("X-Consul-Effective-Consistency"));
        Assert.Equal("true", answer.Header("X-Consul-Knownleader"));
        Assert.Equal("0", answer.Header("X-Consul-Lastcontact"));
        Assert.Equal("blocking-query", answer.Header("X-Consul-Query-Backend"));
        Assert.True(answer.Index > 1);
    }

    [Fact]
    public async Task AgentServicesHaveExactlyTheShapeOfARealAgentsAnswer()
    {
        await _client.RegisterAsync(new { Name = "httpd", Tags = new[] { "httpd" }, Port = 80, Address = "10.42.1.37" });

        var services = (await _client.ReadAsync("/v1/agent/services")).Json;
        var only = System.Text.Json.JsonDocument.Parse($"{{\"httpd\":{services.GetProperty("httpd").GetRawText()}}}").RootElement;
        var observed = JsonShape.Fixture("agent-services.observed.json");

        Assert.Equal(JsonShape.Paths(observed, rootIsMap: true), JsonShape.Paths(only, rootIsMap: true));
        Assert.Equal(JsonShape.Orders(observed, rootIsMap: true), JsonShape.Orders(only, rootIsMap: true));
    }

    [Theory]
    [InlineData("health-service.docs.json", "/v1/health/service/redis", false)]
    [InlineData("health-checks.docs.json", "/v1/health/checks/redis", false)]
    [InlineData("health-state.docs.json", "/v1/health/state/any", false)]
    [InlineData("catalog-services.docs.json", "/v1/catalog/services", true)]
    [InlineData("catalog-service.docs.json", "/v1/catalog/service/redis", false)]
    [InlineData("catalog-nodes.docs.json", "/v1/catalog/nodes", false)]
    [InlineData("agent-services.docs.json", "/v1/agent/services", true)]
    [InlineData("agent-checks.docs.json", "/v1/agent/checks", true)]
    [InlineData("agent-members.docs.json", "/v1/agent/members", false)]
    [InlineData("agent-self.docs.json", "/v1/agent/self", false)]
    [InlineData("status-leader.docs.json", "/v1/status/leader", false)]
    [InlineData("status-peers.docs.json", "/v1/status/peers", false)]
    [InlineData("catalog-datacenters.docs.json", "/v1/catalog/datacenters", false)]
    [InlineData("catalog-node.docs.json", "/v1/catalog/node/" + DiscoveryFactory.NodeName, false)]
    public async Task AnswerHasEveryFieldOfTheDocumentedSample(string fixture, string path, bool rootIsMap)
    {
        await RegisterDocumentedRedisAsync();

        var answer = await _client.ReadAsync(path);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.Header("Content-Type"));
        JsonShape.AssertContains(
            JsonShape.Paths(JsonShape.Fixture(fixture), rootIsMap), JsonShape.Paths(answer.Json, rootIsMap),
            StringComparer.OrdinalIgnoreCase, NotInOpenSourceDevAgents);
        Assert.DoesNotContain(JsonShape.Paths(answer.Json, rootIsMap).Keys, key => key.EndsWith(".Namespace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KvReadHasEveryFieldOfTheDocumentedSample()
    {
        await _client.WriteAsync("/v1/kv/zip", "test");

        var answer = await _client.ReadAsync("/v1/kv/zip");

        JsonShape.AssertContains(JsonShape.Paths(JsonShape.Fixture("kv-get.docs.json")), JsonShape.Paths(answer.Json), StringComparer.Ordinal, ".Session");
        Assert.Equal("dGVzdA==", answer.Json[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task LockedKvReadHasEveryFieldOfTheDocumentedSampleIncludingItsSession()
    {
        var session = (await _client.WriteAsync("/v1/session/create")).Json.GetProperty("ID").GetString();
        await _client.WriteAsync($"/v1/kv/zip-locked?acquire={session}", "test");

        var answer = await _client.ReadAsync("/v1/kv/zip-locked");

        var documented = JsonShape.Fixture("kv-get.docs.json");
        Assert.Equal(JsonShape.Paths(documented), JsonShape.Paths(answer.Json));
    }

    [Theory]
    [InlineData("/v1/session/info/{0}", "GET")]
    [InlineData("/v1/session/list", "GET")]
    [InlineData("/v1/session/node/" + DiscoveryFactory.NodeName, "GET")]
    [InlineData("/v1/session/renew/{0}", "PUT")]
    public async Task SessionAnswersHaveExactlyTheDocumentedShape(string path, string method)
    {
        var created = await _client.WriteJsonAsync("/v1/session/create", new { Name = "shaped", TTL = "30s" });
        Assert.Equal(JsonShape.Paths(JsonShape.Fixture("session-create.docs.json")), JsonShape.Paths(created.Json));
        var id = created.Json.GetProperty("ID").GetString();

        var answer = await _client.CallAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id), method == "PUT" ? "" : null);

        var documented = JsonShape.Fixture("session-info.docs.json");
        Assert.Equal(JsonShape.Paths(documented), JsonShape.Paths(answer.Json));
        Assert.Equal(JsonShape.Orders(documented)["$[]"], JsonShape.Orders(answer.Json)["$[]"]);
    }

    [Fact]
    public async Task TransactionAnswersHaveTheDocumentedResultAndErrorShapes()
    {
        var succeeded = await _client.WriteAsync("/v1/txn", """[{"KV":{"Verb":"set","Key":"shaped/txn","Value":"dGVzdA=="}}]""");
        var failed = await _client.WriteAsync("/v1/txn", """[{"KV":{"Verb":"get","Key":"shaped/missing"}},{"KV":{"Verb":"set","Key":"shaped/other"}}]""");

        // A write's Value is null, which the docs' sample shows as a string: the paths must agree, null matching any kind.
        Assert.Equal(JsonShape.Paths(JsonShape.Fixture("txn-results.docs.json")).Keys, JsonShape.Paths(succeeded.Json).Keys);
        JsonShape.AssertContains(JsonShape.Paths(JsonShape.Fixture("txn-results.docs.json")), JsonShape.Paths(succeeded.Json), StringComparer.Ordinal);
        Assert.Equal(JsonShape.Paths(JsonShape.Fixture("txn-errors.docs.json")), JsonShape.Paths(failed.Json));
        Assert.Equal(HttpStatusCode.Conflict, failed.Status);
    }

    [Fact]
    public async Task TokenSelfHasExactlyTheDocumentedShape()
    {
        using var acl = new AclDiscoveryFactory();
        var client = acl.CreateClient();
        client.DefaultRequestHeaders.Add("X-Consul-Token", AclDiscoveryFactory.Token);

        var answer = await client.ReadAsync("/v1/acl/token/self");

        var documented = JsonShape.Fixture("acl-token-self.docs.json");
        Assert.Equal(JsonShape.Paths(documented), JsonShape.Paths(answer.Json));
        Assert.Equal(JsonShape.Orders(documented)["$"], JsonShape.Orders(answer.Json)["$"]);
    }

    [Fact]
    public async Task DocumentedRegistrationPayloadIsDecodedAndItsScriptCheckRefusedAsADevAgentDoes()
    {
        var payload = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "agent-service-register.payload.docs.json"));

        var answer = await _client.WriteAsync("/v1/agent/service/register", payload);

        answer.ShouldBe(HttpStatusCode.InternalServerError, "Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true");
    }

    [Fact]
    public async Task DocumentedCheckUpdatePayloadSetsStatusAndOutput()
    {
        await _client.RegisterAsync(new { Name = "updated", Check = new { TTL = "30s" } });
        var payload = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "agent-check-update.payload.docs.json"));

        var answer = await _client.WriteAsync("/v1/agent/check/update/service:updated", payload);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var check = await _client.CheckAsync("service:updated");
        Assert.Equal("passing", check.GetProperty("Status").GetString());
        Assert.Equal("curl reported a failure:\n\n...", check.GetProperty("Output").GetString());
    }

    [Fact]
    public async Task DevAgentListsTheConsulServiceAndTheSerfHealthCheck()
    {
        var services = (await _client.ReadAsync("/v1/catalog/services")).Json;
        var consul = (await _client.ReadAsync("/v1/health/service/consul")).Json;

        Assert.Empty(services.GetProperty("consul").EnumerateArray());
        var serf = Assert.Single(consul[0].GetProperty("Checks").EnumerateArray());
        Assert.Equal("serfHealth", serf.GetProperty("CheckID").GetString());
        Assert.Equal("Agent alive and reachable", serf.GetProperty("Output").GetString());
        Assert.Equal(DiscoveryFactory.NodeName, serf.GetProperty("Node").GetString());
        Assert.False((await _client.ReadAsync("/v1/agent/checks")).Json.TryGetProperty("serfHealth", out _));
    }

    private Task RegisterDocumentedRedisAsync() =>
        _client.RegisterAsync(new
        {
            ID = "redis",
            Name = "redis",
            Tags = new[] { "primary" },
            Address = "10.1.10.12",
            Port = 8000,
            Meta = new Dictionary<string, string> { ["redis_version"] = "4.0" },
            TaggedAddresses = new Dictionary<string, object> { ["lan"] = new { Address = "10.1.10.12", Port = 8000 }, ["wan"] = new { Address = "198.18.1.2", Port = 80 } },
            Weights = new { Passing = 10, Warning = 1 },
            Check = new { TTL = "30s", Status = "passing" },
        });
}
