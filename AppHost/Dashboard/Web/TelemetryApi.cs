using Exam3.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Exam3.Dashboard.Web;

/// <summary>The JSON the telemetry pages draw: traces, one trace's waterfall, structured logs, metrics, traffic.</summary>
internal static class TelemetryApi
{
    private static readonly TimeSpan TrafficWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan TrafficSlice = TimeSpan.FromSeconds(5);

    public static void MapTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/telemetry").WithTags("Telemetry");
        api.MapGet("/resources", (TelemetryStore store) =>
            TypedResults.Ok(store.Resources().Select(r => new { r.Name, Service = r.ServiceName, r.InstanceId })));
        api.MapGet("/traces", (TelemetryStore store, string? resource) =>
            TypedResults.Ok(store.TraceSummaries(NullIfEmpty(resource)).Select(t => new
            {
                t.TraceId,
                t.Name,
                t.Start,
                DurationMs = t.Duration.TotalMilliseconds,
                t.Resources,
                t.SpanCount,
                t.ErrorCount,
            })));
        api.MapGet("/traces/{traceId}", GetTrace);
        api.MapGet("/logs", (TelemetryStore store, string? resource, LogLevel? level, string? text) =>
            TypedResults.Ok(store.FindLogs(new LogFilter(NullIfEmpty(resource), level ?? LogLevel.Trace, NullIfEmpty(text))).Select(l => new
            {
                l.Timestamp,
                Resource = l.Resource.Name,
                Level = l.Level.ToString(),
                l.Message,
                l.Category,
                l.TraceId,
                l.Attributes,
            })));
        api.MapGet("/metrics/requests", (TelemetryStore store) =>
            TypedResults.Ok(store.Resources()
                .Select(r => new { Resource = r.Name, Points = store.RequestRates(r.Name) })
                .Where(r => r.Points.Count > 0)));
        api.MapGet("/metrics/instruments", Results<Ok<IEnumerable<object>>, ProblemHttpResult> (TelemetryStore store, string? resource) =>
            string.IsNullOrEmpty(resource)
                ? TypedResults.Problem(
                    "Name the resource whose instruments to list: ?resource=<name>, one of those /api/telemetry/metrics/requests lists.",
                    statusCode: StatusCodes.Status400BadRequest)
                : TypedResults.Ok<IEnumerable<object>>(store.Metrics(resource)
                .GroupBy(s => s.Instrument)
                .Select(g => new
                {
                    g.Key.Meter,
                    g.Key.Name,
                    g.Key.Unit,
                    Kind = g.Key.Kind.ToString(),
                    Series = g.Count(),
                    Latest = g.Sum(s => s.Points.Count > 0 ? (g.Key.Kind is MetricKind.Gauge or MetricKind.Sum ? s.Points[^1].Value : s.Points[^1].Count) : 0),
                })
                .OrderBy(i => i.Meter, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)));
        api.MapGet("/traffic", (TelemetryStore store, string? service) =>
        {
            var traffic = store.Traffic(TrafficWindow, TrafficSlice, NullIfEmpty(service));
            return TypedResults.Ok(new { traffic.From, SliceSeconds = traffic.Slice.TotalSeconds, traffic.Resources });
        });
    }

    private static Results<Ok<object>, NotFound> GetTrace(TelemetryStore store, string traceId)
    {
        if (store.TraceDetail(traceId) is not { } trace)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok<object>(new
        {
            trace.TraceId,
            trace.Start,
            DurationMs = trace.Duration.TotalMilliseconds,
            Spans = trace.Rows.Select(row => new
            {
                row.Span.SpanId,
                row.Span.ParentSpanId,
                row.Span.Name,
                Kind = row.Span.Kind.ToString(),
                Resource = row.Span.Resource.Name,
                row.Depth,
                OffsetMs = row.Offset.TotalMilliseconds,
                DurationMs = row.Span.Duration.TotalMilliseconds,
                Status = row.Span.Status.ToString(),
                row.Span.StatusMessage,
                row.Span.Attributes,
            }),
        });
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
