using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>The OpenTelemetry every process exports, as the dashboard's Traces, Structured logs and Metrics pages show it.</summary>
public sealed class TelemetryPagesTests(DashboardFixture dashboard) : DashboardTests
{
    // About twenty seconds of requests to one replica, so that the chart draws them as a line rather than a blip.
    private const int ChartedAnswers = 200;

    [Fact]
    public async Task ARequestThroughTheGatewayIsOneTraceWithTheGatewayAndTheReplicaInItsWaterfall()
    {
        await dashboard.App.HealthyOperationsAsync(Cancellation);
        using var gateway = dashboard.App.CreateHttpClient("gateway");
        // The test starts the trace itself, as a calling service would, so that it knows which trace to look for.
        var traceId = ActivityTraceId.CreateRandom();
        var replica = await CalculateAsync(gateway, "add?a=1&b=2", Cancellation, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        await using var context = await dashboard.NewBrowserContextAsync();
        var page = await dashboard.SignInAsync(context);

        await page.GotoAsync("/traces");
        // The registry's own traffic (health probes, blocking queries) fills the list; the gateway's API routes do not.
        await page.GetByTitle("Name filter").Locator("input").FillAsync("/api/operations");
        var trace = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTitle($"Trace Id: {traceId}") });
        await Expect(trace).ToContainTextAsync("gateway (", new() { Timeout = DashboardPages.Arrival });
        await Expect(trace).ToContainTextAsync($"{replica} (", new() { Timeout = DashboardPages.Arrival });
        await page.ClickToOpenAsync(trace.GetByRole(AriaRole.Gridcell).Nth(1), new Regex($"/traces/detail/{traceId}"));

        await Expect(page.GetByRole(AriaRole.Gridcell, new() { Name = "gateway", Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Gridcell, new() { Name = replica, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Gridcell, new() { Name = $"{replica}: GET /add", Exact = true })).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("trace");
    }

    [Fact]
    public async Task EachReplicaLogsItsRegistrationToTheStructuredLogs()
    {
        var replicas = await dashboard.App.HealthyOperationsAsync(Cancellation);
        await using var context = await dashboard.NewBrowserContextAsync();
        var page = await dashboard.SignInAsync(context);

        await page.GotoAsync("/structuredlogs");
        await page.GetByTitle("Message filter").Locator("input").FillAsync("Registered");

        foreach (var replica in replicas.Select(replica => replica.Name))
        {
            var registration = page.GetByRole(AriaRole.Row)
                .Filter(new() { Has = page.GetByRole(AriaRole.Gridcell, new() { Name = replica, Exact = true }) })
                .Filter(new() { HasText = $"Registered {replica} as {Distribution.Operations} at " });
            await Expect(registration.First).ToBeVisibleAsync(new() { Timeout = DashboardPages.Arrival });
        }

        await page.SaveScreenshotAsync("structured-logs");
    }

    [Fact]
    public async Task AReplicasRequestDurationMetricShowsTheRouteItServed()
    {
        var replicas = (await dashboard.App.HealthyOperationsAsync(Cancellation)).Names();
        var replica = replicas[0];
        using var gateway = dashboard.App.CreateHttpClient("gateway");
        // Every replica has served a request before the ones charted here: a process's first requests take the better
        // part of a second (JIT), and on the chart's scale the rest would be lost. No other test calls subtract.
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas, Cancellation);
        await using var context = await dashboard.NewBrowserContextAsync();
        var page = await dashboard.SignInAsync(context);
        await using var traffic = RequestLoop.Start(stop => CalculateAsync(gateway, "subtract?a=5&b=3", stop), Cancellation);

        await page.GotoAsync("/metrics");
        await page.GetByLabel("Select a resource").ClickAsync();
        await page.Locator("fluent-option", new() { HasText = replica }).ClickAsync();
        await page.GetByTitle("http.server.request.duration", new() { Exact = true }).ClickAsync(new() { Timeout = DashboardPages.Arrival });

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "http.server.request.duration" })).ToBeVisibleAsync();
        var routes = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Gridcell, new() { Name = "http.route", Exact = true }) });
        var subtract = routes.GetByRole(AriaRole.Button, new() { Name = "/subtract", Exact = true });
        await Expect(subtract).ToBeVisibleAsync(new() { Timeout = DashboardPages.Arrival });

        // For the picture: only this route, over the last minute, with some seconds of traffic on it.
        await subtract.ClickAsync();
        await page.GetByLabel("Duration", new() { Exact = true }).ClickAsync();
        await page.Locator("fluent-option", new() { HasText = "Last 1 minute" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("duration=1"));
        await Eventually.UntilAsync($"{ChartedAnswers} answers from {replica}", Timeouts.Condition, () => traffic.Served.Count(answer => answer.Instance == replica) >= ChartedAnswers);
        await page.GetByRole(AriaRole.Heading, new() { Name = "http.server.request.duration" }).ScrollIntoViewIfNeededAsync();
        await page.SaveScreenshotAsync("metrics");
        await traffic.StopAsync();
        Assert.True(traffic.Failures.IsEmpty, string.Join("\n", traffic.Failures));
    }

    /// <summary>GET <paramref name="operation"/> through the gateway, and the replica that answered it.</summary>
    private static async Task<string> CalculateAsync(HttpClient gateway, string operation, CancellationToken cancellationToken, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/operations/{operation}");
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await gateway.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Answer>(cancellationToken))!.Instance;
    }

    private sealed record Answer(string Instance);
}
