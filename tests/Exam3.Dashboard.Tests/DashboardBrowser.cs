using Microsoft.Playwright;

namespace Exam3.Dashboard.Tests;

/// <summary>Debian's Chromium driven by Playwright, logging in to a dashboard as a student would.</summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    public static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser tests need Debian's chromium at {Chromium} (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            return new DashboardBrowser(playwright, await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox"] }));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async Task<IPage> LoggedInPageAsync(DashboardServer server)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = server.UiUrl.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?t={server.BrowserToken}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
