using System.Diagnostics;
using System.Globalization;
using Exam3.Dashboard.Otlp.Proto.Common;
using Exam3.Dashboard.Telemetry;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Microsoft.Extensions.Logging;
using ProtoLogs = Exam3.Dashboard.Otlp.Proto.Logs;
using ProtoResource = Exam3.Dashboard.Otlp.Proto.Resource.Resource;
using ProtoTrace = Exam3.Dashboard.Otlp.Proto.Trace;

namespace Exam3.Dashboard.Otlp;

/// <summary>Turns OTLP messages into the store's records: ids as hex, times as DateTimeOffset, values as text.</summary>
internal static class OtlpMapper
{
    private const string UnknownService = "unknown_service";

    public static TelemetryResource Resource(ProtoResource? resource)
    {
        var attributes = Attributes(resource?.Attributes);
        var serviceName = attributes.FirstOrDefault(a => a.Key == "service.name")?.Value;
        var instanceId = attributes.FirstOrDefault(a => a.Key == "service.instance.id")?.Value;
        return new TelemetryResource(string.IsNullOrEmpty(serviceName) ? UnknownService : serviceName, instanceId, attributes);
    }

    public static TelemetrySpan Span(ProtoTrace.Span span, string scope, TelemetryResource resource) => new(
        Id(span.TraceId) ?? "",
        Id(span.SpanId) ?? "",
        Id(span.ParentSpanId),
        span.Name,
        Kind(span.Kind),
        Time(span.StartTimeUnixNano),
        Time(span.EndTimeUnixNano),
        span.Status?.Code switch
        {
            ProtoTrace.Status.Types.StatusCode.Ok => ActivityStatusCode.Ok,
            ProtoTrace.Status.Types.StatusCode.Error => ActivityStatusCode.Error,
            _ => ActivityStatusCode.Unset,
        },
        string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
        Attributes(span.Attributes),
        [.. span.Events.Select(e => new SpanEvent(Time(e.TimeUnixNano), e.Name, Attributes(e.Attributes)))],
        scope,
        resource);

    public static TelemetryLog Log(ProtoLogs.LogRecord record, string scope, TelemetryResource resource) => new(
        Time(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
        Level(record.SeverityNumber),
        record.Body is null ? "" : Text(record.Body),
        Attributes(record.Attributes),
        Id(record.TraceId),
        Id(record.SpanId),
        scope,
        resource);

    public static IReadOnlyList<TelemetryAttribute> Attributes(RepeatedField<KeyValue>? attributes) =>
        attributes is null ? [] : [.. attributes.Select(a => new TelemetryAttribute(a.Key, a.Value is null ? "" : Text(a.Value)))];

    public static DateTimeOffset Time(ulong unixNanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanoseconds / TimeSpan.NanosecondsPerTick));

    // An all-zero or empty id means "none" in OTLP (a root span's parent, a log outside any trace).
    private static string? Id(ByteString id) =>
        id.IsEmpty || id.Span.IndexOfAnyExcept((byte)0) < 0 ? null : Convert.ToHexStringLower(id.Span);

    private static ActivityKind Kind(ProtoTrace.Span.Types.SpanKind kind) => kind switch
    {
        ProtoTrace.Span.Types.SpanKind.Server => ActivityKind.Server,
        ProtoTrace.Span.Types.SpanKind.Client => ActivityKind.Client,
        ProtoTrace.Span.Types.SpanKind.Producer => ActivityKind.Producer,
        ProtoTrace.Span.Types.SpanKind.Consumer => ActivityKind.Consumer,
        _ => ActivityKind.Internal,
    };

    // OTLP has four severity steps per level, TRACE 1-4 up to FATAL 21-24; a record without one is
    // shown as information rather than above every level filter.
    private static LogLevel Level(ProtoLogs.SeverityNumber severity) => (int)severity switch
    {
        >= 21 => LogLevel.Critical,
        >= 17 => LogLevel.Error,
        >= 13 => LogLevel.Warning,
        >= 9 => LogLevel.Information,
        >= 5 => LogLevel.Debug,
        >= 1 => LogLevel.Trace,
        _ => LogLevel.Information,
    };

    private static string Text(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToBase64(),
        AnyValue.ValueOneofCase.ArrayValue => $"[{string.Join(", ", value.ArrayValue.Values.Select(Text))}]",
        AnyValue.ValueOneofCase.KvlistValue => $"{{{string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {(kv.Value is null ? "" : Text(kv.Value))}"))}}}",
        _ => "",
    };
}
