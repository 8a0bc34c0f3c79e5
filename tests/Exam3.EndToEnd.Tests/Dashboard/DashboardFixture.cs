using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>
/// The whole distribution with the real Aspire dashboard, secured as Aspire ships it (a browser token for the UI, an
/// API key for OTLP), and Chromium to look at it; started once for the dashboard tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    // The resource the AppHost adds for the dashboard (Aspire's KnownResourceNames.AspireDashboard, which is internal).
    private const string DashboardResource = "aspire-dashboard";

    private readonly UiBrowser _browser = new();
    private DashboardComplaints? _complaints;
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The distribution did not start.");

    /// <summary>
    /// Where the dashboard serves its UI. Its endpoints are DCP's proxies on random ports in a test, not the ports of the
    /// AppHost's ASPNETCORE_URLS, so they are read from the dashboard resource.
    /// </summary>
    public Uri Url => App.GetEndpoint(DashboardResource, "http");

    /// <summary>The dashboard's OTLP/HTTP receiver.</summary>
    public Uri OtlpHttpEndpoint => App.GetEndpoint(DashboardResource, "otlp-http");

    /// <summary>The token the AppHost generated for the dashboard's login, the one the login URL it prints carries.</summary>
    public string BrowserToken =>
        App.Services.GetRequiredService<IConfiguration>()["AppHost:BrowserToken"] is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The AppHost has no browser token: is its dashboard unsecured?");

    public async ValueTask InitializeAsync()
    {
        await _browser.InitializeAsync();
        _app = await Distribution.StartAsync(withDashboard: true, Cancellation);
        _complaints = new DashboardComplaints(_app, DashboardResource);
    }

    /// <summary>The dashboard's process, once DCP has started it.</summary>
    public async Task<int> ProcessIdAsync()
    {
        var started = await App.ResourceNotifications.WaitForResourceAsync(
            DashboardResource, notification => notification.Snapshot.ProcessId() is not null, Cancellation);
        return started.Snapshot.ProcessId()!.Value;
    }

    /// <summary>A fresh browser, not signed in, whose relative URLs go to the dashboard.</summary>
    public Task<IBrowserContext> NewBrowserContextAsync() => _browser.NewContextAsync(Url, width: 1600, height: 900);

    /// <summary>Follows the login URL with the token in <paramref name="context"/>, and returns the page it lands on.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var record = new PageRecord(page);
        await page.GotoAsync($"/login?t={BrowserToken}");
        try
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resources" })).ToBeVisibleAsync();
        }
        catch (PlaywrightException failure)
        {
            throw new Xunit.Sdk.XunitException(string.Join(Environment.NewLine,
                $"Signing in did not reach the Resources page by {DateTimeOffset.UtcNow:HH:mm:ss.fff}.",
                $"The dashboard's last warnings and errors: {_complaints}.",
                await record.DescribeAsync()), failure);
        }

        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await (_complaints?.DisposeAsync() ?? ValueTask.CompletedTask);
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _browser.DisposeAsync();
    }
}

/// <summary>The dashboard tests, which share one distribution and its dashboard, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardDistribution : ICollectionFixture<DashboardFixture>
{
    public const string Name = "distribution with dashboard";
}
