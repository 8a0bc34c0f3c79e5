namespace Exam3.Discovery.Tests;

/// <summary>What Consul refuses in ?filter (go-bexpr 0.1.2's validation) and how it reads path parameters.</summary>
public sealed class FilterAndPathTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/v1/health/service/web", "Bogus == \"x\"", "Selector \"Bogus\" is not valid")]
    [InlineData("/v1/health/service/web", "ServiceMeta.x == \"y\"", "Selector \"ServiceMeta\" is not valid")]
    [InlineData("/v1/health/service/web", "Service.Tags.x == \"y\"", "Selector \"Service.Tags.x\" is not valid")]
    [InlineData("/v1/health/service/web", "Checks.CreateIndex == 1", "Selector \"Checks.CreateIndex\" is not valid")]
    [InlineData("/v1/catalog/service/web", "Service.ID == \"x\"", "Selector \"Service\" is not valid")]
    [InlineData("/v1/agent/services", "Meta.version == 1 and Nope is empty", "Selector \"Nope\" is not valid")]
    [InlineData("/v1/health/checks/web", "\"x\" in Bogus.Tags", "Selector \"Bogus\" is not valid")]
    public async Task UnknownSelectorIsBadRequestNamingIt(string path, string filter, string problem)
    {
        var answer = await _client.ReadAsync($"{path}?filter={Uri.EscapeDataString(filter)}");

        answer.ShouldBe(HttpStatusCode.BadRequest, $"Failed to create boolean expression evaluator: {problem}");
    }

    [Theory]
    [InlineData("/v1/catalog/service/web", "ServiceMeta.version == \"1\"")]
    [InlineData("/v1/health/service/web", "Service.Meta.anything == \"1\" or Node.Meta.x == y")]
    [InlineData("/v1/health/service/web", "Service.Kind == \"\" and Service.Proxy.DestinationServiceName == \"\"")]
    [InlineData("/v1/agent/services", "Service == web and Kind == \"\"")]
    [InlineData("/v1/agent/checks", "ServiceName == web and Status != critical")]
    public async Task SelectorsConsulKnowsAreAccepted(string path, string filter)
    {
        var answer = await _client.ReadAsync($"{path}?filter={Uri.EscapeDataString(filter)}");

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
    }

    [Theory]
    [InlineData("[", "missing closing ]: `[`")]
    [InlineData("a(b", "missing closing ): `a(b`")]
    [InlineData("*x", "missing argument to repetition operator: `*`")]
    [InlineData("x**", "invalid nested repetition operator: `**`")]
    [InlineData("(?=x)", "invalid or unsupported Perl syntax: `(?=`")]
    [InlineData(@"(a)\1", @"invalid escape sequence: `\1`")]
    public async Task InvalidRegularExpressionIsBadRequestWithGosText(string pattern, string problem)
    {
        var filter = $"Service.ID matches \"{pattern.Replace("\\", "\\\\", StringComparison.Ordinal)}\"";

        var answer = await _client.ReadAsync($"/v1/health/service/web?filter={Uri.EscapeDataString(filter)}");

        answer.ShouldBe(HttpStatusCode.BadRequest, $"Failed to create boolean expression evaluator: Failed to compile regular expression \"{pattern.Replace("\\", "\\\\", StringComparison.Ordinal)}\": error parsing regexp: {problem}");
    }

    [Fact]
    public async Task InvalidRegularExpressionIsRefusedEvenWithNothingToMatch()
    {
        var answer = await _client.ReadAsync("/v1/agent/checks?filter=" + Uri.EscapeDataString("Name matches \"(\""));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    public async Task ServiceIdWithAnEncodedSlashIsTheIdWithASlash()
    {
        await _client.RegisterAsync(new { Name = "slashed", ID = "team/slashed-1", Check = new { TTL = "30s" } });

        var health = await _client.ReadAsync("/v1/agent/health/service/id/team%2Fslashed-1");
        var pass = await _client.WriteAsync("/v1/agent/check/pass/service:team%2Fslashed-1");
        var deregister = await _client.WriteAsync("/v1/agent/service/deregister/team%2Fslashed-1");

        Assert.NotEqual(HttpStatusCode.NotFound, health.Status);
        Assert.Equal(HttpStatusCode.OK, pass.Status);
        Assert.Equal(HttpStatusCode.OK, deregister.Status);
        Assert.False((await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("team/slashed-1", out _));
    }

    [Fact]
    public async Task ServiceNameIsDecodedInHealthAndCatalogQueries()
    {
        await _client.RegisterAsync(new { Name = "odd name", ID = "odd-1" });

        Assert.Equal(1, (await _client.ReadAsync("/v1/health/service/odd%20name")).Json.GetArrayLength());
        Assert.Equal(1, (await _client.ReadAsync("/v1/catalog/service/odd%20name")).Json.GetArrayLength());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(70000)]
    public async Task PortOutsideTheTcpRangeIsStoredAsGivenAsConsulDoes(int port)
    {
        // Consul's ServiceDefinition takes any int, and neither NodeService.Validate nor the catalog checks a range.
        await _client.RegisterAsync(new { Name = "odd-port", ID = $"odd-port-{port}", Port = port });

        var service = (await _client.ReadAsync($"/v1/agent/service/odd-port-{port}")).Json;

        Assert.Equal(port, service.GetProperty("Port").GetInt32());
    }
}
