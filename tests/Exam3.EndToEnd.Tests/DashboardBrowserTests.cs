using System.Diagnostics;
using System.Net.Http.Json;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;
using Microsoft.Playwright;

namespace Exam3.EndToEnd.Tests;

/// <summary>The dashboard of the real distribution in Debian's Chromium: what a student sees during the lab, and the README's pictures.</summary>
public sealed class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private const float Patience = 30_000;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IReadOnlyList<string> Replicas => [.. fixture.Distribution.App.ResourceNotifications.Find("operations").Select(replica => replica.Name)];

    [Fact]
    public async Task EveryPageShowsTheRunningDistribution()
    {
        using var gateway = fixture.Distribution.App.CreateHttpClient("gateway");
        for (var request = 0; request < 30; request++)
        {
            await InstanceAsync(gateway);
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
        await page.GetByLabel("Filter text").FillAsync($"Registered {replica}");
        await Expect(page.Locator("main tbody tr").First).ToContainTextAsync($"Registered {replica} as operations", new() { Timeout = Patience });
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
        var replica = await InstanceAsync(gateway, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
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
        for (var request = 0; request < 30; request++)
        {
            await InstanceAsync(gateway);
        }

        var page = await fixture.LoggedInPageAsync();
        try
        {
            await StopAndWatchTrafficMoveAsync(page, gateway, victim, survivors);
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

    private static async Task StopAndWatchTrafficMoveAsync(IPage page, HttpClient gateway, string victim, IReadOnlySet<string> survivors)
    {
        await page.GotoAsync("/");
        var victimState = page.Locator($"tr[data-resource='{victim}'] td.state");
        await Expect(victimState).ToHaveTextAsync("Running (Healthy)", new() { Timeout = Patience });

        await page.Locator($"tr[data-resource='{victim}'] button[data-command='stop']").ClickAsync();

        await Expect(victimState).ToHaveTextAsync("Exited", new() { Timeout = Patience });
        await Expect(page.Locator($"tr[data-resource='{victim}'] button[data-command='start']")).ToBeEnabledAsync();
        foreach (var survivor in survivors)
        {
            await Expect(page.Locator($"tr[data-resource='{survivor}'] td.state")).ToHaveTextAsync("Running (Healthy)");
        }

        await page.GotoAsync("/traffic");
        await Expect(page.Locator($"tr[data-resource='{victim}']")).ToBeVisibleAsync(new() { Timeout = Patience });
        var victimTotal = int.Parse(await page.Locator($"tr[data-resource='{victim}']").GetAttributeAsync("data-total") ?? "0");
        await Eventually.UntilAsync($"the traffic page to show the last slice's requests on {string.Join(" and ", survivors)} only", Timeouts.Condition, async () =>
        {
            for (var request = 0; request < 4; request++)
            {
                Assert.Contains(await InstanceAsync(gateway), survivors);
            }

            var slices = await LatestSlicesAsync(page);
            Assert.True(slices.GetValueOrDefault(victim).Total <= victimTotal, $"{victim} served requests after it exited");
            return slices.GetValueOrDefault(victim).Latest == 0 && survivors.All(survivor => slices.GetValueOrDefault(survivor).Latest > 0);
        });
        await DashboardFixture.ScreenshotAsync(page, "traffic");

        // The student's Start brings it back.
        await page.GotoAsync("/");
        await page.Locator($"tr[data-resource='{victim}'] button[data-command='start']").ClickAsync();
        await Expect(victimState).ToHaveTextAsync("Running (Healthy)", new() { Timeout = Patience });
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

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>Each row of the Traffic page: the resource's total and its newest slice (the last few seconds).</summary>
    private static async Task<Dictionary<string, (int Total, int Latest)>> LatestSlicesAsync(IPage page)
    {
        var rows = await page.Locator("tr[data-resource]").EvaluateAllAsync<TrafficRow[]>(
            "rows => rows.map(row => ({ resource: row.dataset.resource, total: +row.dataset.total, latest: +[...row.querySelectorAll('rect')].at(-1).textContent }))");
        return rows.ToDictionary(row => row.Resource, row => (row.Total, row.Latest));
    }

    private static async Task<string> InstanceAsync(HttpClient gateway, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/operations/multiply?a=6&b=7");
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await gateway.SendAsync(request, Cancellation);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<OperationResponse>(Cancellation);
        Assert.Equal(42m, answer!.Result);
        return answer.Instance;
    }

    private sealed class TrafficRow
    {
        public string Resource { get; init; } = "";

        public int Total { get; init; }

        public int Latest { get; init; }
    }

    private sealed record OperationResponse(decimal Result, string Instance);
}
