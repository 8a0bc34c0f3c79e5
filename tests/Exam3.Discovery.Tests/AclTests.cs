using System.Net;

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
        Assert.Equal("ACL not found", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
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
        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync($"/v1/kv/acl-{carrier}")).Status);
    }

    [Fact]
    public async Task ReadsNeedNoToken()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync("/v1/catalog/services")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync("/v1/health/service/consul")).Status);
    }

    [Fact]
    public async Task TokenSelfDescribesTheManagementToken()
    {
        var answer = await SendAsync("/v1/acl/token/self", request => request.Headers.Add("X-Consul-Token", AclDiscoveryFactory.Token), HttpMethod.Get);
        var token = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

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
        Assert.Equal("ACL not found", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestMessage> authorize, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Put, new Uri(path, UriKind.Relative));
        request.Content = method == HttpMethod.Get ? null : new StringContent(Registration);
        authorize(request);
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
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
