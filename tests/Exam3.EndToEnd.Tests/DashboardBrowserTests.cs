using System.Diagnostics;
using System.Globalization;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;
using Microsoft.Playwright;

namespace Exam3.EndToEnd.Tests;

/// <summary>The dashboard of the real distribution in Debian's Chromium: what a student sees during the lab, and the README's pictures.</summary>
public sealed class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const float Patience = 30_000;

    // A steady trickle that draws readable bars on the Traffic page without loading the shared cores.
    private static readonly TimeSpan StreamPacing = TimeSpan.FromMilliseconds(100);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IReadOnlyList<string> Replicas => [.. fixture.Distribution.App.ResourceNotifications.Find("operations").Select(replica => replica.Name)];

    [Fact]
    public async Task EveryPageShowsTheRunningDistribution()
    {
        using var gateway = fixture.Distribution.App.CreateHttpClient("gateway");
        for (var request = 0; request < 30; request++)
        {
            await GatewayCalls.MultiplyAsync(gateway, Cancellation);
        }

        var page = await fixture.LoggedInPageAsync();
        var replica = Replicas[0];

        await page.GotoAsync("/");
        foreach (var name in (string[])[.. Replicas, "consul", "gateway"])
        {
            await Expect(page.Locator($"tr[data-resource='{name}'] td.state")).ToHaveTextAsync("Running (Healthy)", new() { Timeout = Patience });
        }

        await DashboardFixture.ScreenshotAsync(page, "resources");

        await page.GotoAsync($"/consolelogs?resource={replica}");
        await Expect(page.Locator("pre.console")).ToContainTextAsync(
            $"Now listening on: {fixture.Distribution.App.GetEndpoint(replica).ToString().TrimEnd('/')}", new() { Timeout = Patience });

        await page.GotoAsync("/structuredlogs");
        await page.GetByLabel("Filter text").FillAsync("Registered");
        foreach (var name in Replicas)
        {
            await Expect(page.Locator("main tbody tr").Filter(new() { HasText = $"Registered {name} as operations" }).First).ToBeVisibleAsync(new() { Timeout = Patience });
        }

        await DashboardFixture.ScreenshotAsync(page, "structured-logs");

        await page.GotoAsync("/traces?resource=gateway");
        await Expect(page.Locator("tr[data-trace]").Filter(new() { HasText = replica }).First).ToBeVisibleAsync(new() { Timeout = Patience });

        await page.GotoAsync($"/metrics?resource={replica}");
        foreach (var name in Replicas)
        {
            await Expect(page.Locator("[data-chart='Request rate (req/s)'] .legend")).ToContainTextAsync(name, new() { Timeout = Patience });
        }

        await Expect(page.Locator("main tbody tr").Filter(new() { HasText = "http.server.request.duration" })).ToBeVisibleAsync(new() { Timeout = Patience });
        await DashboardFixture.ScreenshotAsync(page, "metrics");

        await page.GotoAsync("/traffic");
        foreach (var name in (string[])[.. Replicas, "gateway"])
        {
            await Expect(page.Locator($"tr[data-resource='{name}']")).ToBeVisibleAsync(new() { Timeout = Patience });
        }
    }

    [Fact]
    public async Task TraceThroughTheGatewayOpensAsWaterfallFromGatewayToTheReplica()
    {
        using var gateway = fixture.Distribution.App.CreateHttpClient("gateway");
        // The test is the trace's caller: the traceparent it sends names the trace the dashboard must show.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var replica = await GatewayCalls.MultiplyAsync(gateway, Cancellation, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var page = await fixture.LoggedInPageAsync();

        await page.GotoAsync("/traces");
        var trace = page.Locator($"tr[data-trace='{traceId}']");
        await Expect(trace).ToContainTextAsync(replica, new() { Timeout = Patience });
        await Expect(trace).ToContainTextAsync("gateway");
        await trace.ClickAsync();

        await Expect(page.Locator("table.waterfall tbody tr").First).ToHaveAttributeAsync("data-resource", "gateway", new() { Timeout = Patience });
        var replicaSpan = page.Locator($"table.waterfall tbody tr[data-resource='{replica}']").First;
        await Expect(replicaSpan).ToContainTextAsync(replica, new() { Timeout = Patience });
        var resources = await page.Locator("table.waterfall tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.resource)");
        Assert.Equal(["gateway", replica], resources.Distinct());
        Assert.All(resources.SkipWhile(resource => resource == "gateway"), resource => Assert.Equal(replica, resource));
        await replicaSpan.ClickAsync();
        await Expect(page.Locator(".details h2")).ToContainTextAsync(replica);
        await DashboardFixture.ScreenshotAsync(page, "trace");
    }

    [Fact]
    public async Task StoppingAReplicaShowsLiveAndItsTrafficMovesToTheOtherTwo()
    {
        using var gateway = fixture.Distribution.App.CreateHttpClient("gateway");
        var victim = Replicas[1];
        var survivors = Replicas.Where(replica => replica != victim).ToHashSet();
        var page = await fixture.LoggedInPageAsync();
        await using var loop = GatewayRequestLoop.Start(gateway, Cancellation, StreamPacing);
        try
        {
            await page.GotoAsync("/traffic");
            await TrafficShowsAsync(page, serving: [.. Replicas], idle: null);
            var exited = await StopFromTheResourcesPageAsync(page, victim, survivors);
            await page.GotoAsync("/traffic");
            await TrafficShowsAsync(page, serving: survivors, idle: victim);
            await loop.StopAsync();

            Assert.True(loop.Failures.IsEmpty, $"Failed requests through the gateway:\n{string.Join("\n", loop.Failures)}");
            Assert.Contains(loop.Served, answer => answer.Instance == victim && answer.Sent < exited);
            Assert.All(loop.Served.Where(answer => answer.Sent > exited), answer => Assert.Contains(answer.Instance, survivors));
            Assert.All(survivors, survivor => Assert.Contains(loop.Served, answer => answer.Instance == survivor && answer.Sent > exited));
            await DashboardFixture.ScreenshotAsync(page, "traffic");

            // The student's Start brings it back.
            await page.GotoAsync("/");
            await page.Locator($"tr[data-resource='{victim}'] button[data-command='start']").ClickAsync();
            await Expect(page.Locator($"tr[data-resource='{victim}'] td.state")).ToHaveTextAsync("Running (Healthy)", new() { Timeout = Patience });
        }
        finally
        {
            // The other tests of the class expect three replicas, even when this one failed half way.
            if (!fixture.Distribution.App.ResourceNotifications.Find(victim)[0].IsHealthy)
            {
                await fixture.Distribution.App.ResourceCommands.StartAsync(victim);
                await fixture.Distribution.App.WaitForResourceHealthyAsync(victim, Timeouts.Condition, Cancellation);
            }
        }
    }

    [Fact]
    public async Task RegistryPageShowsTheThreeReplicasPassing()
    {
        var page = await fixture.LoggedInPageAsync();

        await page.GotoAsync("/registry");

        var operations = page.Locator("section[data-service='operations']");
        foreach (var replica in Replicas)
        {
            var instance = operations.Locator($"tr[data-instance='{replica}']");
            await Expect(instance).ToHaveAttributeAsync("data-status", "passing", new() { Timeout = Patience });
            await Expect(instance.Locator($"[data-check='service:{replica}'][data-status='passing']")).ToBeVisibleAsync();
            await Expect(instance.Locator("[data-check]:not([data-status='passing'])")).ToHaveCountAsync(0);
            await Expect(instance).ToContainTextAsync($"127.0.0.1:{fixture.Distribution.App.GetEndpoint(replica).Port}");
        }

        await Expect(operations.Locator("tr[data-instance]")).ToHaveCountAsync(3);
        await DashboardFixture.ScreenshotAsync(page, "registry");
    }

    /// <summary>Clicks Stop on <paramref name="victim"/> and returns when the page shows it exited, the others still running.</summary>
    private static async Task<DateTimeOffset> StopFromTheResourcesPageAsync(IPage page, string victim, IReadOnlySet<string> survivors)
    {
        await page.GotoAsync("/");
        var victimState = page.Locator($"tr[data-resource='{victim}'] td.state");
        await Expect(victimState).ToHaveTextAsync("Running (Healthy)", new() { Timeout = Patience });

        await page.Locator($"tr[data-resource='{victim}'] button[data-command='stop']").ClickAsync();

        await Expect(victimState).ToHaveTextAsync("Exited", new() { Timeout = Patience });
        var exited = DateTimeOffset.UtcNow;
        await Expect(page.Locator($"tr[data-resource='{victim}'] button[data-command='start']")).ToBeEnabledAsync();
        foreach (var survivor in survivors)
        {
            await Expect(page.Locator($"tr[data-resource='{survivor}'] td.state")).ToHaveTextAsync("Running (Healthy)");
        }

        return exited;
    }

    /// <summary>
    /// Waits until the Traffic page's two newest slices (10 s) show requests on each of <paramref name="serving"/> and none on
    /// <paramref name="idle"/>, whose total must not grow meanwhile.
    /// </summary>
    private static async Task TrafficShowsAsync(IPage page, IReadOnlyCollection<string> serving, string? idle)
    {
        foreach (var resource in (string?[])[.. serving, idle])
        {
            if (resource is not null)
            {
                await Expect(page.Locator($"tr[data-resource='{resource}']")).ToBeVisibleAsync(new() { Timeout = Patience });
            }
        }

        var idleTotal = idle is null ? 0 : await TotalAsync(page, idle);
        await Eventually.UntilAsync($"the traffic page to show the last 10 s of requests on {string.Join(" and ", serving)}{(idle is null ? "" : $", none on {idle}")}", Timeouts.Condition, async () =>
        {
            var slices = await NewestSlicesAsync(page);
            if (idle is not null)
            {
                Assert.True(slices[idle].Total <= idleTotal, $"{idle} served requests after it exited");
            }

            return (idle is null || slices[idle].Newest.All(count => count == 0)) && serving.All(resource => slices[resource].Newest.All(count => count > 0));
        });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task<int> TotalAsync(IPage page, string resource) =>
        int.Parse(await page.Locator($"tr[data-resource='{resource}']").GetAttributeAsync("data-total") ?? "", CultureInfo.InvariantCulture);

    /// <summary>Each row of the Traffic page: the resource's total and its two newest slices' counts.</summary>
    private static async Task<Dictionary<string, (int Total, int[] Newest)>> NewestSlicesAsync(IPage page)
    {
        var rows = await page.Locator("tr[data-resource]").EvaluateAllAsync<TrafficRow[]>(
            "rows => rows.map(row => ({ resource: row.dataset.resource, total: +row.dataset.total, newest: [...row.querySelectorAll('rect')].slice(-2).map(bar => +bar.textContent) }))");
        return rows.ToDictionary(row => row.Resource, row => (row.Total, row.Newest));
    }

    private sealed class TrafficRow
    {
        public string Resource { get; init; } = "";

        public int Total { get; init; }

        public int[] Newest { get; init; } = [];
    }
}
