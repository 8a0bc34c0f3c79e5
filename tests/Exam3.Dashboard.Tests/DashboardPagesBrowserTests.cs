using Exam3.Dashboard.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exam3.Dashboard.Tests;

/// <summary>The pages in Debian's Chromium, driven by Playwright: what a student sees during the lab.</summary>
public sealed class DashboardPagesBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    private readonly FakeResourceCatalog _catalog = new();
    private DashboardServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private DashboardServer Server => _server!;

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser tests need Debian's chromium at {Chromium} (apt-get install chromium).");
        _server = await DashboardServer.StartAsync(services: services => services.AddSingleton<IResourceCatalog>(_catalog));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox"] });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ResourcesPageShowsThreeReplicasAndStopChangesStateLive()
    {
        var page = await LoggedInPageAsync();

        await page.GotoAsync("/");
        foreach (var replica in LabTelemetry.Replicas)
        {
            await Assertions.Expect(page.Locator($"tr[data-resource='{replica}']")).ToBeVisibleAsync(Patiently);
        }

        await page.Locator("tr[data-resource='operations-bbbbbbbb'] button[data-command='stop']").ClickAsync();

        await Assertions.Expect(page.Locator("tr[data-resource='operations-bbbbbbbb'] td.state")).ToHaveTextAsync("Exited", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("tr[data-resource='operations-bbbbbbbb'] button[data-command='start']")).ToBeEnabledAsync();
        await Screenshot(page, "resources");
    }

    [Fact]
    public async Task TraceOpensAsWaterfallFromGatewayToTheReplica()
    {
        var traceIds = LabTelemetry.Export(Server, requests: 6);
        var page = await LoggedInPageAsync();

        await page.GotoAsync("/traces");
        await page.Locator($"tr[data-trace='{traceIds[1]}']").ClickAsync();

        var rows = page.Locator("table.waterfall tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        Assert.Equal(["gateway", "gateway", "operations-bbbbbbbb"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.resource)"));
        await Screenshot(page, "trace");
    }

    [Fact]
    public async Task TelemetryPagesShowEveryReplica()
    {
        LabTelemetry.Export(Server, requests: 9);
        var page = await LoggedInPageAsync();

        await page.GotoAsync("/traffic");
        foreach (var replica in LabTelemetry.Replicas)
        {
            await Assertions.Expect(page.Locator($"tr[data-resource='{replica}'][data-total='3']")).ToBeVisibleAsync(Patiently);
        }

        await Screenshot(page, "traffic");

        await page.GotoAsync("/metrics");
        await Assertions.Expect(page.Locator("[data-chart='Request rate (req/s)'] polyline")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await Screenshot(page, "metrics");

        await page.GotoAsync("/structuredlogs");
        await page.GetByLabel("Filter text").FillAsync("cccccccc");
        await Assertions.Expect(page.Locator("main tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("main tbody tr")).ToContainTextAsync("Replica operations-cccccccc registered with the registry");
        await Screenshot(page, "structured-logs");
    }

    [Fact]
    public async Task NewTelemetryAppearsWithoutReloading()
    {
        var page = await LoggedInPageAsync();
        await page.GotoAsync("/traces");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No traces yet.", new() { Timeout = 30_000 });

        var traceIds = LabTelemetry.Export(Server, requests: 1);

        await Assertions.Expect(page.Locator($"tr[data-trace='{traceIds[0]}']")).ToBeVisibleAsync(Patiently);
    }

    private async Task<IPage> LoggedInPageAsync()
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = Server.UiUrl.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?t={Server.BrowserToken}");
        return page;
    }

    // Kept with the test output, for the README's pictures of the main pages.
    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }
}
