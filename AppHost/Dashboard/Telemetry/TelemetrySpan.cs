using System.Diagnostics;

namespace Exam3.Dashboard.Telemetry;

/// <summary>One span as received, with the resource that sent it.</summary>
internal sealed record TelemetrySpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    ActivityKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    ActivityStatusCode Status,
    string? StatusMessage,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEvent> Events,
    string Scope,
    TelemetryResource Resource)
{
    public TimeSpan Duration => End - Start;

    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key)?.Value;
}

internal sealed record SpanEvent(DateTimeOffset Time, string Name, IReadOnlyList<TelemetryAttribute> Attributes);
