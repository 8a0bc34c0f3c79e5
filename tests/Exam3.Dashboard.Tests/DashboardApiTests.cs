using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Exam3.Dashboard.Resources;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Exam3.Dashboard.Tests;

public sealed class DashboardApiTests
{
    private static readonly Dictionary<string, string?> Unsecured = new() { ["Dashboard:Frontend:AuthMode"] = "Unsecured" };

    [Fact]
    public async Task TraceApiServesTheWaterfallOfGatewayThenReplica()
    {
        await using var server = await DashboardServer.StartAsync(Unsecured);
        using var browser = server.Browser();
        // One source per process, so each provider exports only its own process's spans, as two processes would.
        using var gatewaySource = new ActivitySource("Exam3.Tests.Gateway");
        using var replicaSource = new ActivitySource("Exam3.Tests.Replica");
        string traceId;
        using (var gatewayTracing = TracerFor(new SdkExporter(server, OtlpExportProtocol.Grpc, "gateway", "gateway"), gatewaySource))
        using (var replicaTracing = TracerFor(new SdkExporter(server, OtlpExportProtocol.HttpProtobuf, "operations", "operations-bbbbbbbb"), replicaSource))
        {
            using (var gateway = gatewaySource.StartActivity("GET /api/operations/add", ActivityKind.Server))
            {
                traceId = gateway!.TraceId.ToHexString();
                using var replica = replicaSource.StartActivity("GET /add", ActivityKind.Server);
            }

            gatewayTracing.ForceFlush(SdkExporter.TimeoutMilliseconds);
            replicaTracing.ForceFlush(SdkExporter.TimeoutMilliseconds);
        }

        var trace = await browser.GetFromJsonAsync<JsonElement>($"/api/telemetry/traces/{traceId}", TestContext.Current.CancellationToken);

        var spans = trace.GetProperty("spans").EnumerateArray().ToList();
        Assert.Equal(["gateway", "operations-bbbbbbbb"], spans.Select(s => s.GetProperty("resource").GetString()));
        Assert.Equal([0, 1], spans.Select(s => s.GetProperty("depth").GetInt32()));
        Assert.Equal("Server", spans[1].GetProperty("kind").GetString());
        var list = await browser.GetFromJsonAsync<JsonElement>("/api/telemetry/traces?resource=operations", TestContext.Current.CancellationToken);
        Assert.Equal(traceId, Assert.Single(list.EnumerateArray()).GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task StopCommandReachesTheCatalogAndTheChangeStreamSaysSo()
    {
        var catalog = new FakeResourceCatalog();
        await using var server = await DashboardServer.StartAsync(Unsecured, services => services.AddSingleton<IResourceCatalog>(catalog));
        using var browser = server.Browser();
        using var changes = await browser.GetStreamAsync("/api/changes", TestContext.Current.CancellationToken);
        using var reader = new StreamReader(changes);

        var stop = await browser.PostAsync("/api/resources/operations-bbbbbbbb/commands/stop", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        Assert.Equal("data: resources", await NextEventAsync(reader));
        var resources = await browser.GetFromJsonAsync<JsonElement>("/api/resources/", TestContext.Current.CancellationToken);
        var stopped = resources.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "operations-bbbbbbbb");
        Assert.Equal("Exited", stopped.GetProperty("state").GetString());
    }

    [Fact]
    public async Task UnknownCommandIsRefusedWithProblemDetails()
    {
        await using var server = await DashboardServer.StartAsync(Unsecured, services => services.AddSingleton<IResourceCatalog>(new FakeResourceCatalog()));
        using var browser = server.Browser();

        var response = await browser.PostAsync("/api/resources/operations-aaaaaaaa/commands/rebuild", null, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ConsoleOfAnUnknownResourceIs404NamingIt()
    {
        await using var server = await DashboardServer.StartAsync(Unsecured, services => services.AddSingleton<IResourceCatalog>(new FakeResourceCatalog()));
        using var browser = server.Browser();

        var known = await browser.GetAsync("/api/resources/operations-aaaaaaaa/console", TestContext.Current.CancellationToken);
        var unknown = await browser.GetAsync("/api/resources/operations-zzzzzzzz/console", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, mentioning: "'operations-zzzzzzzz'");
    }

    [Fact]
    public async Task InstrumentsWithoutAResourceIs400SayingWhatToAdd()
    {
        await using var server = await DashboardServer.StartAsync(Unsecured);
        using var browser = server.Browser();

        var response = await browser.GetAsync("/api/telemetry/metrics/instruments", TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, mentioning: "?resource=");
    }

    [Fact]
    public async Task MalformedQueryInDevelopmentIs400WithoutEchoingTheRequest()
    {
        // The AppHost runs in Development, where minimal APIs would show the developer exception page.
        await using var server = await DashboardServer.StartAsync(Unsecured, environment: "Development");
        using var browser = server.Browser();
        browser.DefaultRequestHeaders.Add("Cookie", "secret-cookie=do-not-echo");

        var response = await browser.GetAsync("/api/telemetry/logs?level=loud", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("do-not-echo", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnAppHostResourcesAreReportedMissing()
    {
        await using var server = await DashboardServer.StartAsync(Unsecured);
        using var browser = server.Browser();

        var response = await browser.GetAsync("/api/resources/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ChangeStreamSaysTelemetryWhenAnExportArrives()
    {
        await using var server = await DashboardServer.StartAsync(Unsecured);
        using var browser = server.Browser();
        using var changes = await browser.GetStreamAsync("/api/changes", TestContext.Current.CancellationToken);
        using var reader = new StreamReader(changes);
        using var source = new ActivitySource("Exam3.Tests.Live");

        using (var tracing = TracerFor(new SdkExporter(server, OtlpExportProtocol.Grpc), source))
        {
            source.StartActivity("GET /add", ActivityKind.Server)?.Dispose();
            tracing.ForceFlush(SdkExporter.TimeoutMilliseconds);
        }

        Assert.Equal("data: telemetry", await NextEventAsync(reader));
    }

    [Fact]
    public async Task ScriptAndStylesheetAreServedFromTheAssembly()
    {
        await using var server = await DashboardServer.StartAsync();
        using var browser = server.Browser();

        var script = await browser.GetAsync("/assets/app.js", TestContext.Current.CancellationToken);

        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("EventSource(\"/api/changes\")", await script.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/assets/app.css", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/assets/secrets.json", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>An RFC 9457 answer with <paramref name="status"/>, whose text names <paramref name="mentioning"/> when given.</summary>
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? mentioning = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (mentioning is not null)
        {
            Assert.Contains(mentioning, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    private static TracerProvider TracerFor(SdkExporter exporter, ActivitySource source) =>
        Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(exporter.Resource())
            .AddSource(source.Name)
            .AddOtlpExporter(options => exporter.Configure(options, "/v1/traces"))
            .Build();

    private static async Task<string?> NextEventAsync(StreamReader reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }
}
