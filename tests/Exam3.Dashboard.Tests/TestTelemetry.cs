using System.Diagnostics;
using Exam3.Dashboard.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exam3.Dashboard.Tests;

/// <summary>Records as the receiver makes them, for tests of the store on its own.</summary>
internal static class TestTelemetry
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TelemetryStore Store(TelemetryLimits? limits = null) =>
        new(Options.Create(limits ?? new TelemetryLimits()), new FixedClock(Now));

    public static TelemetryResource Resource(string service, string? instance = null) => new(service, instance, []);

    public static TelemetrySpan Span(
        string traceId, string spanId, string? parent, TelemetryResource resource, DateTimeOffset start, TimeSpan duration,
        ActivityKind kind = ActivityKind.Server, string? name = null) =>
        new(traceId, spanId, parent, name ?? $"span {spanId}", kind, start, start + duration, ActivityStatusCode.Unset, null, [], [], "test", resource);

    public static TelemetryLog Log(string message, LogLevel level, TelemetryResource resource, params TelemetryAttribute[] attributes) =>
        new(Now, level, message, attributes, null, null, "Exam3.Tests", resource);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
