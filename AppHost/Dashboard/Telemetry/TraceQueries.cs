using System.Diagnostics;

namespace Exam3.Dashboard.Telemetry;

/// <summary>A line of the traces list: where the trace started, which resources it crossed, how long it took.</summary>
internal sealed record TraceSummary(
    string TraceId, string Name, DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<string> Resources, int SpanCount, int ErrorCount);

/// <summary>One bar of a waterfall: the span, how deep it sits under the root, and where it starts within the trace.</summary>
internal sealed record WaterfallRow(TelemetrySpan Span, int Depth, TimeSpan Offset);

internal sealed record TraceDetail(string TraceId, DateTimeOffset Start, TimeSpan Duration, IReadOnlyList<WaterfallRow> Rows);

internal static class TraceQueries
{
    /// <summary>Traces newest first, optionally only those a resource (or every replica of a service) took part in.</summary>
    public static IReadOnlyList<TraceSummary> TraceSummaries(this TelemetryStore store, string? resource = null, int limit = 200) =>
    [
        .. store.Traces()
            .Where(spans => resource is null || spans.Any(span => span.Resource.Matches(resource)))
            .Select(Summarize)
            .OrderByDescending(summary => summary.Start)
            .Take(limit),
    ];

    /// <summary>A trace's spans depth first, children by start time: the order a waterfall draws them.</summary>
    public static TraceDetail? TraceDetail(this TelemetryStore store, string traceId)
    {
        var spans = store.Trace(traceId);
        if (spans is null || spans.Count == 0)
        {
            return null;
        }

        var start = spans.Min(span => span.Start);
        var ids = spans.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.ToLookup(span => span.ParentSpanId is { } parent && ids.Contains(parent) ? parent : null);
        var rows = new List<WaterfallRow>(spans.Count);

        // Spans whose parent never arrived (another process's span still in flight) are drawn as roots.
        var pending = new Stack<(TelemetrySpan Span, int Depth)>(children[null].OrderByDescending(span => span.Start).Select(span => (span, 0)));
        while (pending.TryPop(out var next))
        {
            rows.Add(new WaterfallRow(next.Span, next.Depth, next.Span.Start - start));
            foreach (var child in children[next.Span.SpanId].OrderByDescending(span => span.Start))
            {
                pending.Push((child, next.Depth + 1));
            }
        }

        return new TraceDetail(traceId, start, spans.Max(span => span.End) - start, rows);
    }

    private static TraceSummary Summarize(IReadOnlyList<TelemetrySpan> spans)
    {
        var start = spans.Min(span => span.Start);
        var ids = spans.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = spans
            .OrderBy(span => span.ParentSpanId is not null && ids.Contains(span.ParentSpanId))
            .ThenBy(span => span.Start)
            .First();
        return new TraceSummary(
            root.TraceId,
            $"{root.Resource.Name}: {root.Name}",
            start,
            spans.Max(span => span.End) - start,
            [.. spans.OrderBy(span => span.Start).Select(span => span.Resource.Name).Distinct(StringComparer.Ordinal)],
            spans.Count,
            spans.Count(span => span.Status == ActivityStatusCode.Error));
    }
}
