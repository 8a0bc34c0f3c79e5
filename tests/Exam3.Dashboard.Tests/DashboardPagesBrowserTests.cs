using Exam3.Dashboard.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Exam3.Dashboard.Tests;

/// <summary>The pages in Debian's Chromium, driven by Playwright: what a student sees during the lab.</summary>
public sealed class DashboardPagesBrowserTests : IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = DashboardBrowser.Patiently;

    private readonly FakeResourceCatalog _catalog = new();
    private DashboardServer? _server;
    private DashboardBrowser? _browser;

    private DashboardServer Server => _server!;

    public async ValueTask InitializeAsync()
    {
        _server = await DashboardServer.StartAsync(services: services => services.AddSingleton<IResourceCatalog>(_catalog));
        _browser = await DashboardBrowser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

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
    }

    [Fact]
    public async Task DrawingUnchangedResourcesAgainKeepsTheRowsUnderThePointer()
    {
        var page = await LoggedInPageAsync();
        await page.GotoAsync("/");
        var row = page.Locator("tr[data-resource='operations-aaaaaaaa']");
        await Assertions.Expect(row).ToBeVisibleAsync(Patiently);
        var shown = await row.ElementHandleAsync();

        // What every change event and reconnection of the stream does: fetch and draw again; awaited to the end.
        await page.EvaluateAsync("() => current.draw()");

        // A replaced row would lose a click pressed on it and released on its successor.
        Assert.True(await shown.EvaluateAsync<bool>("row => row.isConnected"), "The redraw replaced rows whose data had not changed.");
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

        await page.GotoAsync("/metrics?resource=operations-aaaaaaaa");
        await Assertions.Expect(page.Locator("[data-chart='Request rate (req/s)'] polyline")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("main tbody tr").Filter(new() { HasText = "http.server.request.duration" })).ToBeVisibleAsync(Patiently);

        await page.GotoAsync("/structuredlogs");
        await page.GetByLabel("Filter text").FillAsync("cccccccc");
        await Assertions.Expect(page.Locator("main tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("main tbody tr")).ToContainTextAsync("Replica operations-cccccccc registered with the registry");
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

    private Task<IPage> LoggedInPageAsync() => _browser!.LoggedInPageAsync(Server);
}
