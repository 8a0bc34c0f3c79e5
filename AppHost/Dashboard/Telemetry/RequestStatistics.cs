namespace Exam3.Dashboard.Telemetry;

/// <summary>Requests one resource served in an interval ending at <see cref="Time"/>: how many per second, how long they took.</summary>
internal sealed record RequestRatePoint(DateTimeOffset Time, double RequestsPerSecond, ulong Count, double AverageMilliseconds, double? P95Milliseconds);

/// <summary>
/// Request rate and duration per resource from the http.server.request.duration histogram that ASP.NET Core
/// records: each export's counts minus the previous export's (the SDK sends cumulative totals by default),
/// summed over routes, methods and status codes.
/// </summary>
internal static class RequestStatistics
{
    public const string DurationInstrument = "http.server.request.duration";

    public static IReadOnlyList<RequestRatePoint> RequestRates(this TelemetryStore store, string resourceName)
    {
        var intervals = store.Metrics(resourceName, DurationInstrument)
            .Where(series => series.Instrument.Kind == MetricKind.Histogram)
            .SelectMany(Intervals);
        return
        [
            .. intervals
                .GroupBy(interval => interval.To)
                .OrderBy(group => group.Key)
                .Select(group => Combine(group.Key, [.. group])),
        ];
    }

    private sealed record Interval(DateTimeOffset From, DateTimeOffset To, ulong Count, double Sum, ulong[] Buckets, IReadOnlyList<double> Bounds, double? Max, double Scale);

    private static IEnumerable<Interval> Intervals(MetricSeries series)
    {
        // ASP.NET Core records seconds; the pages show milliseconds.
        var scale = series.Instrument.Unit == "s" ? 1000 : 1;
        MetricPoint? previous = null;
        foreach (var point in series.Points)
        {
            var buckets = point.BucketCounts?.ToArray() ?? [];
            var bounds = point.ExplicitBounds ?? [];
            if (!series.Instrument.IsCumulative)
            {
                yield return new Interval(point.Start, point.Time, point.Count, point.Value, buckets, bounds, point.Max, scale);
            }
            else if (previous is not null && point.Start == previous.Start && point.Count >= previous.Count)
            {
                yield return new Interval(previous.Time, point.Time, point.Count - previous.Count, point.Value - previous.Value,
                    Subtract(buckets, previous.BucketCounts), bounds, point.Max, scale);
            }

            // A cumulative series' first point (or first after a restart) only sets the baseline: its interval
            // starts at the first measurement, often milliseconds before the export, and would show a false peak.
            previous = point;
        }
    }

    private static RequestRatePoint Combine(DateTimeOffset time, IReadOnlyList<Interval> intervals)
    {
        var count = intervals.Aggregate(0UL, (total, interval) => total + interval.Count);
        var seconds = intervals.Max(interval => (interval.To - interval.From).TotalSeconds);
        var sum = intervals.Sum(interval => interval.Sum * interval.Scale);
        var p95 = Percentile(intervals, count, 0.95);
        var max = intervals.Max(interval => interval.Max) * intervals[0].Scale;
        return new RequestRatePoint(
            time,
            seconds > 0 ? count / seconds : 0,
            count,
            count > 0 ? sum / count : 0,
            p95 is not null && max is not null ? Math.Min(p95.Value, max.Value) : p95);
    }

    // The bucket holding the q-th request, interpolated linearly within its bounds, and never above the
    // largest value seen. Series of one instrument share their bounds, so their buckets add up index by index.
    private static double? Percentile(IReadOnlyList<Interval> intervals, ulong count, double quantile)
    {
        var bounds = intervals[0].Bounds;
        if (count == 0 || bounds.Count == 0 || intervals.Any(i => i.Buckets.Length != bounds.Count + 1))
        {
            return null;
        }

        var rank = quantile * count;
        var seen = 0.0;
        for (var bucket = 0; bucket <= bounds.Count; bucket++)
        {
            var inBucket = intervals.Sum(interval => (double)interval.Buckets[bucket]);
            if (seen + inBucket >= rank && inBucket > 0)
            {
                var lower = bucket == 0 ? 0 : bounds[bucket - 1];
                var upper = bucket == bounds.Count ? lower : bounds[bucket];
                return (lower + ((upper - lower) * (rank - seen) / inBucket)) * intervals[0].Scale;
            }

            seen += inBucket;
        }

        return bounds[^1] * intervals[0].Scale;
    }

    private static ulong[] Subtract(ulong[] current, IReadOnlyList<ulong>? previous) =>
        previous is null || previous.Count != current.Length
            ? current
            : [.. current.Select((count, i) => count - previous[i])];
}
