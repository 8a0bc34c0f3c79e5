using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>The dashboard secured as Aspire ships it: nobody reads it without the browser token, nobody writes telemetry to it without the API key.</summary>
public sealed class DashboardSecurityTests(DashboardFixture dashboard) : DashboardTests
{
    private const string ApiKeyHeader = "x-otlp-api-key";

    [Fact]
    public async Task WithoutTheTokenTheDashboardShowsItsLoginPageAndTheLoginUrlGetsIn()
    {
        await using var context = await dashboard.NewBrowserContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2F$"));
        await Expect(page.Locator("#token-text-field")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resources" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/login?t={dashboard.BrowserToken}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resources" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Uri(dashboard.Url, "/").ToString());
    }

    [Fact]
    public async Task AnOtlpExportWithoutTheApiKeyIsRefusedAndEveryResourceIsGivenTheKey()
    {
        var app = dashboard.App;
        var replicas = await app.HealthyOperationsAsync(Cancellation);
        var environments = new List<(string Resource, IReadOnlyList<EnvironmentVariableSnapshot> Variables)>();
        foreach (var resource in Distribution.Singletons)
        {
            environments.Add((resource, (await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, Cancellation)).Snapshot.EnvironmentVariables));
        }

        foreach (var replica in replicas)
        {
            Assert.True(app.ResourceNotifications.TryGetCurrentState(replica.Name, out var state), $"No state for {replica.Name}.");
            environments.Add((replica.Name, state.Snapshot.EnvironmentVariables));
        }

        var headers = environments.Select(environment =>
            environment.Variables.SingleOrDefault(variable => variable.Name == "OTEL_EXPORTER_OTLP_HEADERS")?.Value
                ?? throw new Xunit.Sdk.XunitException($"{environment.Resource} has no OTEL_EXPORTER_OTLP_HEADERS.")).ToHashSet();
        var header = Assert.Single(headers);
        Assert.StartsWith($"{ApiKeyHeader}=", header, StringComparison.Ordinal);
        var apiKey = header[(ApiKeyHeader.Length + 1)..];
        using var otlp = new HttpClient { BaseAddress = dashboard.OtlpHttpEndpoint };

        using var withoutKey = await otlp.SendAsync(EmptyTraceExport(apiKey: null), Cancellation);
        using var withKey = await otlp.SendAsync(EmptyTraceExport(apiKey), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    // An ExportTraceServiceRequest with no spans: zero bytes of protobuf.
    private static HttpRequestMessage EmptyTraceExport(string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (apiKey is not null)
        {
            request.Headers.Add(ApiKeyHeader, apiKey);
        }

        return request;
    }
}
