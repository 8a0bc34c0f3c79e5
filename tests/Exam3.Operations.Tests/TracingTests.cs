using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Exam3.Operations.Tests;

/// <summary>
/// Every in-memory host in this process listens to the same ASP.NET Core activity source, so each test sends its
/// requests in a trace of its own and looks only at that trace's spans.
/// </summary>
public sealed class TracingTests(OperationsFactory factory) : IClassFixture<OperationsFactory>
{
    [Fact]
    public async Task RequestProducesAServerSpanWithTheInstanceInItsResource()
    {
        var trace = await SendInNewTraceAsync("/add?a=1&b=2");
        var span = await SpanAsync(trace, "GET /add");

        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("/add", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        var resource = factory.Services.GetRequiredService<TracerProvider>().GetResource();
        Assert.Contains(new KeyValuePair<string, object>("service.instance.id", OperationsFactory.InstanceName), resource.Attributes);
        Assert.Contains(new KeyValuePair<string, object>("service.name", "operations"), resource.Attributes);
    }

    [Fact]
    public async Task HealthProbesAreLeftOutOfTraces()
    {
        var trace = await SendInNewTraceAsync("/health", "/alive", "/info");
        // The /info span is exported after the probes' would have been: requests are sent one after the other.
        await SpanAsync(trace, "GET /info");

        Assert.Equal(["GET /info"], factory.ExportedSpans.Snapshot().Where(span => span.TraceId == trace).Select(span => span.DisplayName));
    }

    /// <summary>GETs each path in turn, all in one new trace, and returns the trace's ID.</summary>
    private async Task<ActivityTraceId> SendInNewTraceAsync(params string[] paths)
    {
        using var client = factory.CreateClient();
        var trace = ActivityTraceId.CreateRandom();
        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await client.SendAsync(request, Cancellation);
            response.EnsureSuccessStatusCode();
        }

        return trace;
    }

    private async Task<Activity> SpanAsync(ActivityTraceId trace, string name)
    {
        Activity? found = null;
        await Eventually.UntilAsync($"the {name} span", Deadline, () =>
        {
            found = factory.ExportedSpans.Snapshot().FirstOrDefault(span => span.TraceId == trace && span.DisplayName == name);
            return found is not null;
        });
        return found!;
    }
}
