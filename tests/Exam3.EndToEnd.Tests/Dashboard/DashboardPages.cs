using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>What the tests look for on the Aspire dashboard's pages, and how they act on them as a user would.</summary>
internal static class DashboardPages
{
    /// <summary>
    /// How long a page may take to show what the distribution did: a state change, or telemetry that the services
    /// export every second and the dashboard then renders, on a loaded 2-core machine.
    /// </summary>
    public const float Arrival = 60_000;

    // Each attempt waits for the click and then for the new page; all of them together stay within Arrival.
    private const int ClickAttempts = 6;

    /// <summary>The row of <paramref name="resource"/> (a resource or a replica's name) on the Resources page.</summary>
    public static ILocator ResourceRow(this IPage page, string resource) =>
        page.GetByRole(AriaRole.Row).Filter(new()
        {
            // The name cell is labelled with the resource's type: "Project: gateway", "Container: consul".
            Has = page.GetByRole(AriaRole.Gridcell, new() { NameRegex = new Regex($"^\\w+: {Regex.Escape(resource)}$") }),
        });

    /// <summary>
    /// Runs <paramref name="command"/> from the actions menu of <paramref name="resource"/>'s row, and waits for it to
    /// succeed. The dashboard closes the menu once it has taken the click; a click that reaches the menu while the row is
    /// re-rendered is lost and leaves it open (seen with a fresh profile, the menu open a minute later with nothing run),
    /// so it is repeated a bounded number of times. Only for commands that may run twice, as Maintenance on and off may.
    /// </summary>
    public static async Task RunCommandAsync(this IPage page, string resource, string command)
    {
        var item = page.GetByRole(AriaRole.Menuitem, new() { Name = command, Exact = true });
        for (var attempt = 1; ; attempt++)
        {
            if (!await item.IsVisibleAsync())
            {
                await page.ResourceRow(resource).GetByRole(AriaRole.Button, new() { Name = "Actions" }).ClickAsync();
            }

            await item.ClickAsync(new() { Timeout = Arrival / ClickAttempts / 2 });
            try
            {
                await Expect(item).ToBeHiddenAsync(new() { Timeout = Arrival / ClickAttempts / 2 });
                break;
            }
            catch (PlaywrightException) when (attempt < ClickAttempts)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"Click {attempt} on \"{command}\" of {resource} left the menu open.");
            }
        }

        await Expect(page.GetByText($"{resource} \"{command}\" succeeded")).ToBeVisibleAsync(new() { Timeout = Arrival });
    }

    /// <summary>
    /// Clicks <paramref name="target"/> until the page has gone to <paramref name="destination"/>. The telemetry pages
    /// re-render their rows as data arrives, and a click that reaches a row while it is re-rendered can be lost (seen
    /// about one run in three with hundreds of traces listed): the click is repeated, a bounded number of times.
    /// </summary>
    public static async Task ClickToOpenAsync(this IPage page, ILocator target, Regex destination)
    {
        for (var attempt = 1; !destination.IsMatch(page.Url); attempt++)
        {
            try
            {
                await target.ClickAsync(new() { Timeout = Arrival / ClickAttempts / 2 });
                await page.WaitForURLAsync(destination, new() { Timeout = Arrival / ClickAttempts / 2 });
            }
            catch (TimeoutException) when (attempt < ClickAttempts)
            {
                // The click was lost, or the dashboard has not acted on it yet: look at the URL again before clicking again.
                TestContext.Current.TestOutputHelper?.WriteLine($"Click {attempt} on {target} has not opened {destination} yet.");
            }
        }
    }

    /// <summary>
    /// Saves what the page shows as the picture <paramref name="name"/>, without the banner a dashboard served over
    /// plain HTTP puts on top ("No trusted development certificate"): a user dismisses it once, and so does this.
    /// </summary>
    public static async Task SaveScreenshotAsync(this IPage page, string name)
    {
        var dismiss = page.GetByLabel("Dismiss notification");
        foreach (var button in await dismiss.AllAsync())
        {
            await button.ClickAsync();
        }

        await Expect(dismiss).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf(name) });
    }
}
