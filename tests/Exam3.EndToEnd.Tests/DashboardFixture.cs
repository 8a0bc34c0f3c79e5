using Exam3.Hosting.Testing;
using Exam3.TestSupport;
using Microsoft.Playwright;

namespace Exam3.EndToEnd.Tests;

/// <summary>
/// The AppHost's whole distribution with its dashboard on free ports, and Debian's Chromium driven by Playwright to look at it,
/// started once for a test class.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private TestDistribution? _distribution;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public TestDistribution Distribution => _distribution ?? throw new InvalidOperationException("The distribution did not start.");

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser tests need Debian's chromium at {Chromium} (apt-get install chromium).");
        _distribution = await TestDistribution.StartAsync<Program>(
            Timeouts.Startup,
            options: new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
            cancellationToken: TestContext.Current.CancellationToken);
        // The pages are to show traffic on all three replicas, and the tests count failed requests.
        await GatewayCalls.UntilEveryReplicaAnswersAsync(_distribution.App, TestContext.Current.CancellationToken);
        _playwright = await Playwright.CreateAsync();
        // Chromium's sandbox needs user namespaces, which containers and CI runners often do not grant.
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox"] });
    }

    /// <summary>A fresh browser context logged in through the link the AppHost prints, as a student would.</summary>
    public async Task<IPage> LoggedInPageAsync()
    {
        var login = Distribution.App.GetDashboardLoginUrl();
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = login.GetLeftPart(UriPartial.Authority),
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(login.ToString());
        return page;
    }

    /// <summary>Saves a full-page picture of <paramref name="page"/> where <see cref="Screenshots"/> says.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Screenshots.PathOf(name), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_distribution is not null)
        {
            await _distribution.DisposeAsync();
        }
    }
}
