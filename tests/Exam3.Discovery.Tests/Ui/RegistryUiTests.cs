using Microsoft.AspNetCore.Mvc.Testing;

namespace Exam3.Discovery.Tests.Ui;

/// <summary>The UI's files over HTTP, and the root's redirect to them as a Consul agent answers it.</summary>
public sealed class RegistryUiTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task RootRedirectsPermanentlyToTheUiAsConsulDoes()
    {
        var answer = await _client.ReadAsync("/");

        Assert.Equal(HttpStatusCode.MovedPermanently, answer.Status);
        Assert.Equal("/ui/", answer.Response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/ui")]
    [InlineData("/ui/")]
    public async Task UiServesThePageThatLoadsItsScriptAndStylesheet(string path)
    {
        var answer = await _client.ReadAsync(path);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("text/html; charset=utf-8", answer.Header("Content-Type"));
        Assert.Contains("<h1>Registry</h1>", answer.Body, StringComparison.Ordinal);
        Assert.Contains("src=\"/ui/assets/ui.js\"", answer.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/ui/assets/ui.css\"", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ui/assets/ui.js", "text/javascript; charset=utf-8", "X-Consul-Index")]
    [InlineData("/ui/assets/ui.css", "text/css; charset=utf-8", ".status-critical")]
    public async Task UiServesItsAssets(string path, string contentType, string excerpt)
    {
        var answer = await _client.ReadAsync(path);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(contentType, answer.Header("Content-Type"));
        Assert.Contains(excerpt, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAssetIsRevalidatedByItsETag()
    {
        var first = await _client.ReadAsync("/ui/assets/ui.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/ui/assets/ui.js");
        again.Headers.IfNoneMatch.Add(first.Response.Headers.ETag!);

        using var answer = await _client.SendAsync(again, Cancellation);

        Assert.Equal(HttpStatusCode.NotModified, answer.StatusCode);
    }

    [Fact]
    public async Task AnUnknownAssetIsNotFound() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/ui/assets/missing.js")).Status);
}
