using System.Net;

namespace Exam3.Dashboard.Tests;

public sealed class BrowserTokenLoginTests
{
    [Fact]
    public async Task AnonymousBrowserIsSentToLoginAndAnonymousApiCallsGet401()
    {
        await using var server = await DashboardServer.StartAsync();
        using var browser = server.Browser();

        var page = await browser.GetAsync("/traces", TestContext.Current.CancellationToken);
        var api = await browser.GetAsync("/api/telemetry/traces", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task LoginLinkWithThePrintedTokenOpensEveryPage()
    {
        await using var server = await DashboardServer.StartAsync();
        using var browser = server.Browser();

        var login = await browser.GetAsync($"/login?t={server.BrowserToken}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        foreach (var path in new[] { "/", "/consolelogs", "/structuredlogs", "/traces", "/traces/detail/0af7651916cd43dd8448eb211c80319c", "/metrics", "/traffic" })
        {
            var page = await browser.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("/assets/app.js", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/telemetry/traces", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TokenTypedIntoTheFormLogsIn()
    {
        await using var server = await DashboardServer.StartAsync();
        using var browser = server.Browser();
        using var form = new FormUrlEncodedContent([new("token", server.BrowserToken)]);

        var login = await browser.PostAsync("/login", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task WrongTokenIsRefused()
    {
        await using var server = await DashboardServer.StartAsync();
        using var browser = server.Browser();

        var login = await browser.GetAsync("/login?t=0123456789abcdef0123456789abcdef", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ConfiguredTokenIsTheOneAccepted()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?> { ["Dashboard:Frontend:BrowserToken"] = "classroom-token" });
        using var browser = server.Browser();

        await browser.GetAsync("/login?t=classroom-token", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task UnsecuredModeServesPagesWithoutLogin()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?> { ["Dashboard:Frontend:AuthMode"] = "Unsecured" });
        using var browser = server.Browser();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/traffic", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/telemetry/traffic", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task GeneratedTokenIs128RandomBitsInHex()
    {
        await using var first = await DashboardServer.StartAsync();
        await using var second = await DashboardServer.StartAsync();

        Assert.Matches("^[0-9a-f]{32}$", first.BrowserToken);
        Assert.NotEqual(first.BrowserToken, second.BrowserToken);
    }
}
