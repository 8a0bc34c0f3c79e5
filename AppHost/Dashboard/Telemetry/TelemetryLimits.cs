using System.ComponentModel.DataAnnotations;

namespace Exam3.Dashboard.Telemetry;

/// <summary>How much telemetry the dashboard keeps in memory; past a bound the oldest goes first.</summary>
public sealed class TelemetryLimits
{
    public const string SectionName = "Dashboard:TelemetryLimits";

    /// <summary>Traces kept, as Aspire's MaxTraceCount.</summary>
    [Range(1, 1_000_000)]
    public int MaxTraceCount { get; set; } = 10_000;

    /// <summary>Spans kept per trace; later spans of a runaway trace are dropped.</summary>
    [Range(1, 100_000)]
    public int MaxSpansPerTrace { get; set; } = 1_000;

    /// <summary>Structured log records kept, as Aspire's MaxLogCount.</summary>
    [Range(1, 1_000_000)]
    public int MaxLogCount { get; set; } = 10_000;

    /// <summary>Metric points kept per resource, as Aspire's MaxMetricsCount.</summary>
    [Range(1, 1_000_000)]
    public int MaxMetricPointsPerResource { get; set; } = 50_000;
}
