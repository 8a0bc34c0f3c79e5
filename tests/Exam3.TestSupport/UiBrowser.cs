using Microsoft.Playwright;
using Xunit;

namespace Exam3.TestSupport;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for a test class or collection. Playwright never downloads a
/// browser of its own here: it is always given the installed one.
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
        if (!File.Exists(Chromium))
        {
            throw new FileNotFoundException($"The browser tests need Debian's chromium at {Chromium} (apt-get install chromium).", Chromium);
        }

        // A page on a loaded 2-core machine may take seconds to catch up; every Expect waits this long unless told otherwise.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = Arguments });
    }

    /// <summary>A fresh browser context whose relative URLs go to <paramref name="site"/>, in a window of the given size.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri site, int width = 1280, int height = 800) =>
        _browser!.NewContextAsync(new()
        {
            BaseURL = site.GetLeftPart(UriPartial.Authority),
            ViewportSize = new() { Width = width, Height = height },
        });

    public async ValueTask DisposeAsync()
    {
        await (_browser?.DisposeAsync() ?? ValueTask.CompletedTask);
        _playwright?.Dispose();
    }
}
