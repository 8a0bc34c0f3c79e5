using Microsoft.Playwright;

namespace Exam3.Discovery.Tests.Ui;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for a test class. Playwright never downloads a browser of its
/// own here: it is always given the installed one.
/// </summary>
public sealed class UiBrowser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    // Headless and quiet: no sandbox (containers and CI runners often lack the user namespaces it needs), no GPU, and
    // none of the background traffic to Google that would only slow a test down.
    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"The browser tests need Debian's chromium at {Chromium} (apt-get install chromium).");
        // A registry and a page on a loaded 2-core machine may take seconds to catch up; every Expect waits this long at most.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = Arguments });
    }

    /// <summary>A fresh browser context whose relative URLs go to <paramref name="registry"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri registry) =>
        _browser!.NewContextAsync(new()
        {
            BaseURL = registry.GetLeftPart(UriPartial.Authority),
            ViewportSize = new() { Width = 1280, Height = 800 },
        });

    public async ValueTask DisposeAsync()
    {
        await (_browser?.DisposeAsync() ?? ValueTask.CompletedTask);
        _playwright?.Dispose();
    }
}
