using Microsoft.Extensions.Logging;

namespace Exam3.Dashboard.Telemetry;

/// <summary>One structured log record as received, with the resource that sent it.</summary>
internal sealed record TelemetryLog(
    DateTimeOffset Timestamp,
    LogLevel Level,
    string Message,
    IReadOnlyList<TelemetryAttribute> Attributes,
    string? TraceId,
    string? SpanId,
    string Category,
    TelemetryResource Resource)
{
    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key)?.Value;
}
