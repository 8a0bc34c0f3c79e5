namespace Exam3.Discovery.Tests;

public sealed class AclTests(AclDiscoveryFactory factory) : IClassFixture<AclDiscoveryFactory>
{
    private const string Registration = """{"Name":"guarded"}""";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task WriteWithoutATokenIsForbidden()
    {
        var answer = await _client.WriteAsync("/v1/agent/service/register", Registration);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.StartsWith("Permission denied", answer.Body, StringComparison.Ordinal);
        Assert.Equal("deny", answer.Header("X-Consul-Default-Acl-Policy"));
        Assert.False((await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("guarded", out _));
    }

    [Fact]
    public async Task WriteWithAWrongTokenIsForbidden()
    {
        var answer = await SendAsync("/v1/agent/service/register", request => request.Headers.Add("X-Consul-Token", "guess"));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("ACL not found", await answer.Content.ReadAsStringAsync(Cancellation));
    }

    [Theory]
    [InlineData("header")]
    [InlineData("query")]
    [InlineData("bearer")]
    public async Task WriteWithTheManagementTokenIsAllowed(string carrier)
    {
        var path = carrier == "query" ? $"/v1/kv/acl-{carrier}?token={AclDiscoveryFactory.Token}" : $"/v1/kv/acl-{carrier}";

        var answer = await SendAsync(path, request =>
        {
            if (carrier == "header")
            {
                request.Headers.Add("X-Consul-Token", AclDiscoveryFactory.Token);
            }
            else if (carrier == "bearer")
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AclDiscoveryFactory.Token);
            }
        });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var management = ManagementClient();
        Assert.Equal(HttpStatusCode.OK, (await management.ReadAsync($"/v1/kv/acl-{carrier}")).Status);
    }

    [Fact]
    public async Task AnonymousListsAreAnsweredWithEveryEntryFilteredOut()
    {
        using var management = ManagementClient();
        await management.RegisterAsync(new { Name = "hidden", ID = "hidden-1", Port = 9 });
        Assert.Equal(HttpStatusCode.OK, (await management.WriteAsync("/v1/kv/app/listed", "v")).Status);

        Assert.Equal("{}", await BodyAsync("/v1/catalog/services"));
        Assert.Equal("[]", await BodyAsync("/v1/health/service/hidden"));
        Assert.Equal("{}", await BodyAsync("/v1/agent/services"));
        Assert.Equal("[]", await BodyAsync("/v1/kv/app/?keys"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/kv/app/?recurse")).Status);
        Assert.True((await management.ReadAsync("/v1/agent/services")).Json.TryGetProperty("hidden-1", out _));
    }

    [Fact]
    public async Task AnonymousReadOfAKeyIsDeniedNamingThePermission()
    {
        using var management = ManagementClient();
        Assert.Equal(HttpStatusCode.OK, (await management.WriteAsync("/v1/kv/app/secret", "s3cret")).Status);

        var answer = await _client.ReadAsync("/v1/kv/app%2Fsecret?raw");

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal(
            "Permission denied: anonymous token lacks permission 'key:read' on \"app/secret\". The anonymous token is used implicitly when a request does not specify a token.",
            answer.Body);
        Assert.Equal("s3cret", (await management.ReadAsync("/v1/kv/app/secret?raw")).Body);
    }

    [Fact]
    public async Task AnonymousReadsOfTheAgentAndOfOneServiceAreDenied()
    {
        Assert.StartsWith("Permission denied: anonymous token lacks permission 'agent:read' on \"test-node\"", (await _client.ReadAsync("/v1/agent/self")).Body, StringComparison.Ordinal);
        var service = await _client.ReadAsync("/v1/agent/service/hidden-1");
        Assert.Equal(HttpStatusCode.Forbidden, service.Status);
        Assert.StartsWith("Permission denied: anonymous token lacks permission 'service:read' on \"hidden-1\"", service.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStatusEndpointsNeedNoToken()
    {
        var leader = await _client.ReadAsync("/v1/status/leader");

        Assert.Equal(HttpStatusCode.OK, leader.Status);
        Assert.NotEqual("\"\"", leader.Body.Trim());
    }

    [Fact]
    public async Task AReadWithAnUnknownTokenIsAclNotFound()
    {
        var answer = await SendAsync("/v1/catalog/services", request => request.Headers.Add("X-Consul-Token", "guess"), HttpMethod.Get);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("ACL not found", await answer.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task AnAnonymousBlockingQueryStillWaitsForItsIndex()
    {
        using var management = ManagementClient();
        var index = (await _client.ReadAsync("/v1/health/service/awaited")).Header("X-Consul-Index");

        var waiting = _client.ReadAsync($"/v1/health/service/awaited?index={index}&wait=30s");
        var early = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation));
        await management.RegisterAsync(new { Name = "awaited", Port = 9 });
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        Assert.NotSame(waiting, early);
        Assert.Equal("[]", answer.Body.Trim());
        Assert.NotEqual(index, answer.Header("X-Consul-Index"));
    }

    private async Task<string> BodyAsync(string path)
    {
        var answer = await _client.ReadAsync(path);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Body.Trim();
    }

    private HttpClient ManagementClient()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Consul-Token", AclDiscoveryFactory.Token);
        return client;
    }

    [Fact]
    public async Task TokenSelfDescribesTheManagementToken()
    {
        var answer = await SendAsync("/v1/acl/token/self", request => request.Headers.Add("X-Consul-Token", AclDiscoveryFactory.Token), HttpMethod.Get);
        var token = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancellation)).RootElement;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(AclDiscoveryFactory.Token, token.GetProperty("SecretID").GetString());
        Assert.Equal("global-management", token.GetProperty("Policies")[0].GetProperty("Name").GetString());
        Assert.Equal("00000000-0000-0000-0000-000000000001", token.GetProperty("Policies")[0].GetProperty("ID").GetString());
    }

    [Fact]
    public async Task TokenSelfWithoutATokenIsTheAnonymousToken()
    {
        var token = (await _client.ReadAsync("/v1/acl/token/self")).Json;

        Assert.Equal("00000000-0000-0000-0000-000000000002", token.GetProperty("AccessorID").GetString());
        Assert.Equal("anonymous", token.GetProperty("SecretID").GetString());
    }

    [Fact]
    public async Task TokenSelfWithAnUnknownTokenIsAclNotFound()
    {
        var answer = await SendAsync("/v1/acl/token/self", request => request.Headers.Add("X-Consul-Token", "guess"), HttpMethod.Get);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("ACL not found", await answer.Content.ReadAsStringAsync(Cancellation));
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestMessage> authorize, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Put, new Uri(path, UriKind.Relative));
        request.Content = method == HttpMethod.Get ? null : new StringContent(Registration);
        authorize(request);
        return await _client.SendAsync(request, Cancellation);
    }
}

public sealed class DevModeAclTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    [Fact]
    public async Task WithoutAManagementTokenAnyTokenOrNoneMayWrite()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Consul-Token", "anything");

        var answer = await client.WriteAsync("/v1/agent/service/register", """{"Name":"open"}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("allow", answer.Header("X-Consul-Default-Acl-Policy"));
    }
}
