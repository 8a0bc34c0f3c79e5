using Exam3.Dashboard.Otlp.Proto.Metrics;
using Exam3.Dashboard.Telemetry;

namespace Exam3.Dashboard.Otlp;

/// <summary>Turns an OTLP metric into a batch of points; exponential histograms and summaries keep count and sum only.</summary>
internal static class OtlpMetricMapper
{
    public static MetricBatch Batch(Metric metric, string meter)
    {
        var (kind, cumulative) = metric.DataCase switch
        {
            Metric.DataOneofCase.Gauge => (MetricKind.Gauge, false),
            Metric.DataOneofCase.Sum => (MetricKind.Sum, metric.Sum.AggregationTemporality == AggregationTemporality.Cumulative),
            Metric.DataOneofCase.Histogram => (MetricKind.Histogram, metric.Histogram.AggregationTemporality == AggregationTemporality.Cumulative),
            Metric.DataOneofCase.ExponentialHistogram => (MetricKind.ExponentialHistogram, metric.ExponentialHistogram.AggregationTemporality == AggregationTemporality.Cumulative),
            _ => (MetricKind.Summary, true),
        };
        var instrument = new MetricInstrument(meter, metric.Name, metric.Description, metric.Unit, kind, cumulative);
        return new MetricBatch(instrument, metric.DataCase switch
        {
            Metric.DataOneofCase.Gauge => [.. metric.Gauge.DataPoints.Select(Number)],
            Metric.DataOneofCase.Sum => [.. metric.Sum.DataPoints.Select(Number)],
            Metric.DataOneofCase.Histogram => [.. metric.Histogram.DataPoints.Select(Histogram)],
            Metric.DataOneofCase.ExponentialHistogram => [.. metric.ExponentialHistogram.DataPoints.Select(Exponential)],
            Metric.DataOneofCase.Summary => [.. metric.Summary.DataPoints.Select(Summary)],
            _ => [],
        });
    }

    private static (IReadOnlyList<TelemetryAttribute>, MetricPoint) Number(NumberDataPoint point) => (
        OtlpMapper.Attributes(point.Attributes),
        new MetricPoint(
            OtlpMapper.Time(point.StartTimeUnixNano),
            OtlpMapper.Time(point.TimeUnixNano),
            point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble));

    private static (IReadOnlyList<TelemetryAttribute>, MetricPoint) Histogram(HistogramDataPoint point) => (
        OtlpMapper.Attributes(point.Attributes),
        new MetricPoint(
            OtlpMapper.Time(point.StartTimeUnixNano),
            OtlpMapper.Time(point.TimeUnixNano),
            point.Sum,
            point.Count,
            [.. point.BucketCounts],
            [.. point.ExplicitBounds],
            point.HasMin ? point.Min : null,
            point.HasMax ? point.Max : null));

    private static (IReadOnlyList<TelemetryAttribute>, MetricPoint) Exponential(ExponentialHistogramDataPoint point) => (
        OtlpMapper.Attributes(point.Attributes),
        new MetricPoint(
            OtlpMapper.Time(point.StartTimeUnixNano),
            OtlpMapper.Time(point.TimeUnixNano),
            point.Sum,
            point.Count,
            Min: point.HasMin ? point.Min : null,
            Max: point.HasMax ? point.Max : null));

    private static (IReadOnlyList<TelemetryAttribute>, MetricPoint) Summary(SummaryDataPoint point) => (
        OtlpMapper.Attributes(point.Attributes),
        new MetricPoint(OtlpMapper.Time(point.StartTimeUnixNano), OtlpMapper.Time(point.TimeUnixNano), point.Sum, point.Count));
}
