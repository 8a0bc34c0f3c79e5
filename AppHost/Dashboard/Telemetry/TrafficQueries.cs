using System.Diagnostics;

namespace Exam3.Dashboard.Telemetry;

/// <summary>How many requests each resource served in each slice of the window, oldest slice first.</summary>
internal sealed record TrafficReport(DateTimeOffset From, TimeSpan Slice, IReadOnlyList<ResourceTraffic> Resources);

internal sealed record ResourceTraffic(string Resource, string Service, int Total, IReadOnlyList<int> PerSlice);

internal static class TrafficQueries
{
    /// <summary>
    /// Requests per resource over the last <paramref name="window"/>, counted from server spans, so round robin
    /// and failover show at a glance. A service name limits it to that service's replicas.
    /// </summary>
    public static TrafficReport Traffic(this TelemetryStore store, TimeSpan window, TimeSpan slice, string? service = null)
    {
        var now = store.Clock.GetUtcNow();
        var from = now - window;
        var slices = (int)Math.Ceiling(window / slice);
        var counts = new Dictionary<string, (string Service, int[] PerSlice)>(StringComparer.Ordinal);
        foreach (var span in store.Traces().SelectMany(spans => spans))
        {
            if (span.Kind != ActivityKind.Server || span.Start < from || span.Start > now
                || (service is not null && span.Resource.ServiceName != service))
            {
                continue;
            }

            if (!counts.TryGetValue(span.Resource.Name, out var entry))
            {
                entry = (span.Resource.ServiceName, new int[slices]);
                counts.Add(span.Resource.Name, entry);
            }

            entry.PerSlice[Math.Min(slices - 1, (int)((span.Start - from) / slice))]++;
        }

        return new TrafficReport(
            from,
            slice,
            [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ResourceTraffic(c.Key, c.Value.Service, c.Value.PerSlice.Sum(), c.Value.PerSlice))]);
    }
}
