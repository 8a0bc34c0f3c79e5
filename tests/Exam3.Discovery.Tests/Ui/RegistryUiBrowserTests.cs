using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam3.Discovery.Tests.Ui;

/// <summary>The /ui page in Chromium, each test against a registry of its own, followed live through blocking queries.</summary>
public sealed class RegistryUiBrowserTests(UiBrowser browser) : IClassFixture<UiBrowser>
{
    [Fact]
    public async Task ARegisteredServiceShowsEachInstanceWithItsTagsMetaAndChecks()
    {
        await using var target = await TargetServer.StartAsync();
        await using var registry = KestrelDiscoveryFactory.Start();
        await registry.Client.RegisterAsync(Operations("operations-a", 7001, target.HealthUrl));
        // Nothing listens there, so this check stays critical; its first probe's output comes without a new index.
        await registry.Client.RegisterAsync(Operations("operations-b", 7002, $"http://127.0.0.1:{FreePort.Next()}/health"));
        await Eventually.UntilAsync("operations-b's first probe", Deadline,
            async () => (await registry.Client.CheckAsync("service:operations-b")).GetProperty("Output").GetString() is { Length: > 0 });
        await registry.Client.WriteAsync("/v1/kv/config/operations/greeting", "Hello from the registry");

        await using var ui = await RegistryPage.OpenAsync(browser, registry.BaseAddress);

        var a = ui.Page.Locator("[data-service='operations'] tr[data-instance='operations-a']");
        await Expect(a).ToContainTextAsync("127.0.0.1:7001");
        await Expect(a).ToContainTextAsync("urlprefix-/api/operations");
        await Expect(a.Locator("dt", new() { HasText = "version" })).ToBeVisibleAsync();
        await Expect(a.Locator("dd", new() { HasText = "1.0.0" })).ToBeVisibleAsync();
        await Expect(a.Locator("[data-check='service:operations-a']")).ToHaveAttributeAsync("data-status", "passing");
        await Expect(a.Locator("[data-check='service:operations-a']")).ToContainTextAsync("200 OK");
        var b = ui.Page.Locator("[data-service='operations'] tr[data-instance='operations-b']");
        await Expect(b).ToHaveAttributeAsync("data-status", "critical");
        await Expect(b.Locator("[data-check='service:operations-b'] .status")).ToHaveTextAsync("critical");
        await Expect(ui.Page.Locator("#kv tr[data-key='config/operations/greeting']")).ToBeVisibleAsync();
        await ui.Page.ScreenshotAsync(new() { Path = Screenshots.PathOf("registry-ui"), FullPage = true });
    }

    [Fact]
    public async Task AServiceRegisteredAfterThePageLoadedAppears()
    {
        await using var registry = KestrelDiscoveryFactory.Start();
        await using var ui = await RegistryPage.OpenAsync(browser, registry.BaseAddress);
        await Expect(ui.Page.Locator("[data-service='consul']")).ToBeVisibleAsync();

        await registry.Client.RegisterAsync(new { Name = "billing", ID = "billing-1", Address = "10.0.0.7", Port = 7101, Tags = new[] { "eu" } });

        await Expect(ui.Page.Locator("[data-service='billing'] tr[data-instance='billing-1']")).ToContainTextAsync("10.0.0.7:7101");
    }

    [Fact]
    public async Task ACheckTurningCriticalShowsWithoutAReloadBecauseAHeldBlockingQueryAnswers()
    {
        await using var target = await TargetServer.StartAsync();
        await using var registry = KestrelDiscoveryFactory.Start();
        await registry.Client.RegisterAsync(Operations("operations-a", 7001, target.HealthUrl));
        await using var context = await browser.NewContextAsync(registry.BaseAddress);
        var page = await context.NewPageAsync();
        var unanswered = new ConcurrentDictionary<IRequest, bool>();
        page.Request += (_, request) => unanswered[request] = true;
        page.RequestFinished += (_, request) => unanswered.TryRemove(request, out bool _);
        page.RequestFailed += (_, request) => unanswered.TryRemove(request, out bool _);
        await page.GotoAsync("/ui/");
        var check = page.Locator("[data-check='service:operations-a']");
        await Expect(check).ToHaveAttributeAsync("data-status", "passing");
        await page.EvaluateAsync("() => window.loadedOnce = true");

        // With the page showing the checks as of this index, it asks for anything newer and the registry holds the request.
        var seen = (await registry.Client.ReadAsync("/v1/health/state/any")).Index;
        var blocking = $"/v1/health/state/any?index={seen.ToString(CultureInfo.InvariantCulture)}&wait=";
        IRequest? held = null;
        await Eventually.UntilAsync("the page to wait on a blocking query for the checks", Deadline,
            () => (held = unanswered.Keys.FirstOrDefault(request => request.Url.Contains(blocking, StringComparison.Ordinal))) is not null);
        target.StatusCode = 503;
        target.Body = "payments database unreachable";

        var answer = await held!.ResponseAsync().WaitAsync(Deadline, Cancellation);
        Assert.Contains("payments database unreachable", await answer!.TextAsync(), StringComparison.Ordinal);
        await Expect(check).ToHaveAttributeAsync("data-status", "critical");
        await Expect(check.Locator(".status")).ToHaveTextAsync("critical");
        await Expect(check).ToContainTextAsync("503 Service Unavailable Output: payments database unreachable");
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was reloaded");
    }

    [Fact]
    public async Task AfterTheRegistryRestartsThePageRetriesAndFollowsTheNewOne()
    {
        var port = FreePort.Next();
        await using var context = await browser.NewContextAsync(new Uri($"http://127.0.0.1:{port}/"));
        var page = await context.NewPageAsync();
        var status = page.Locator("#status");
        await using (var first = KestrelDiscoveryFactory.Start(port))
        {
            // These move the catalog's index past what the next registry will report: a restarted agent's indexes start over.
            for (var i = 0; i < 3; i++)
            {
                await first.Client.RegisterAsync(new { Name = "scratch" });
                await first.Client.WriteAsync("/v1/agent/service/deregister/scratch");
            }

            await page.GotoAsync("/ui/");
            await Expect(page.Locator("[data-service='consul']")).ToBeVisibleAsync();
            await Expect(status).ToContainTextAsync("Live");
        }

        await Expect(status).ToContainTextAsync("does not answer");
        await using var second = KestrelDiscoveryFactory.Start(port);
        await second.Client.RegisterAsync(new { Name = "billing", ID = "billing-1", Port = 7101 });

        await Expect(page.Locator("[data-service='billing'] tr[data-instance='billing-1']")).ToBeVisibleAsync();
        await Expect(status).ToContainTextAsync("Live");
    }

    [Fact]
    public async Task AKeyWrittenAfterThePageLoadedShowsWithItsValueDecoded()
    {
        await using var registry = KestrelDiscoveryFactory.Start();
        await using var ui = await RegistryPage.OpenAsync(browser, registry.BaseAddress);
        await Expect(ui.Page.Locator("#kv")).ToHaveTextAsync("No keys.");

        await registry.Client.WriteAsync("/v1/kv/lab/greeting", "héllo, wörld");

        await Expect(ui.Page.Locator("#kv tr[data-key='lab/greeting']")).ToContainTextAsync("héllo, wörld");
    }

    [Fact]
    public async Task TheNodeIsListedWithItsAddressAndDatacenter()
    {
        await using var registry = KestrelDiscoveryFactory.Start();

        await using var ui = await RegistryPage.OpenAsync(browser, registry.BaseAddress);

        var node = ui.Page.Locator($"#nodes tr[data-node='{DiscoveryFactory.NodeName}']");
        await Expect(node).ToContainTextAsync("127.0.0.1");
        await Expect(node).ToContainTextAsync("dc1");
    }

    // An Operations replica as it registers itself: its route tag, version meta and an HTTP check.
    private static object Operations(string id, int port, string healthUrl) => new
    {
        Name = "operations",
        ID = id,
        Address = "127.0.0.1",
        Port = port,
        Tags = new[] { "urlprefix-/api/operations" },
        Meta = new Dictionary<string, string> { ["version"] = "1.0.0", ["instance"] = id },
        Check = new { HTTP = healthUrl, Interval = "200ms", Timeout = "2s" },
    };
}
