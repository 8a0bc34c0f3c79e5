namespace Exam3.Dashboard.Telemetry;

internal enum MetricKind
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}

/// <summary>An instrument of one meter, e.g. Microsoft.AspNetCore.Hosting / http.server.request.duration.</summary>
internal sealed record MetricInstrument(string Meter, string Name, string Description, string Unit, MetricKind Kind, bool IsCumulative);

/// <summary>
/// One exported value of a series over [Start, Time]. Number instruments carry Value; histograms carry
/// Count and Sum, and bucket counts when explicit buckets were sent.
/// </summary>
internal sealed record MetricPoint(
    DateTimeOffset Start,
    DateTimeOffset Time,
    double Value,
    ulong Count = 0,
    IReadOnlyList<ulong>? BucketCounts = null,
    IReadOnlyList<double>? ExplicitBounds = null,
    double? Min = null,
    double? Max = null);

/// <summary>The points of one instrument for one set of attributes, oldest first.</summary>
internal sealed record MetricSeries(MetricInstrument Instrument, IReadOnlyList<TelemetryAttribute> Attributes, IReadOnlyList<MetricPoint> Points);

/// <summary>One batch of points of one instrument from one resource, as one export carries it.</summary>
internal sealed record MetricBatch(MetricInstrument Instrument, IReadOnlyList<(IReadOnlyList<TelemetryAttribute> Attributes, MetricPoint Point)> Points);
