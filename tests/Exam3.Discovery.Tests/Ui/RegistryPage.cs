using Microsoft.Playwright;

namespace Exam3.Discovery.Tests.Ui;

/// <summary>The registry's /ui/ page, opened in a browser context of its own; disposing of it closes the context.</summary>
internal sealed class RegistryPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page => page;

    public static async Task<RegistryPage> OpenAsync(UiBrowser browser, Uri registry)
    {
        var context = await browser.NewContextAsync(registry);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/ui/");
            return new RegistryPage(context, page);
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
