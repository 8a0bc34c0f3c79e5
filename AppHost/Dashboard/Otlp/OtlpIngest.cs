using Exam3.Dashboard.Otlp.Proto.Collector.Logs;
using Exam3.Dashboard.Otlp.Proto.Collector.Metrics;
using Exam3.Dashboard.Otlp.Proto.Collector.Trace;
using Exam3.Dashboard.Telemetry;

namespace Exam3.Dashboard.Otlp;

/// <summary>Stores what an OTLP export carries; the same for gRPC and HTTP.</summary>
internal sealed class OtlpIngest(TelemetryStore store)
{
    public ExportTraceServiceResponse Traces(ExportTraceServiceRequest request)
    {
        var spans = new List<TelemetrySpan>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = OtlpMapper.Resource(resourceSpans.Resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                spans.AddRange(scopeSpans.Spans.Select(span => OtlpMapper.Span(span, scopeSpans.Scope?.Name ?? "", resource)));
            }
        }

        store.AddSpans(spans);
        return new ExportTraceServiceResponse();
    }

    public ExportLogsServiceResponse Logs(ExportLogsServiceRequest request)
    {
        var logs = new List<TelemetryLog>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = OtlpMapper.Resource(resourceLogs.Resource);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                logs.AddRange(scopeLogs.LogRecords.Select(record => OtlpMapper.Log(record, scopeLogs.Scope?.Name ?? "", resource)));
            }
        }

        store.AddLogs(logs);
        return new ExportLogsServiceResponse();
    }

    public ExportMetricsServiceResponse Metrics(ExportMetricsServiceRequest request)
    {
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = OtlpMapper.Resource(resourceMetrics.Resource);
            var batches = resourceMetrics.ScopeMetrics
                .SelectMany(scope => scope.Metrics.Select(metric => OtlpMetricMapper.Batch(metric, scope.Scope?.Name ?? "")))
                .ToList();
            store.AddMetrics(resource, batches);
        }

        return new ExportMetricsServiceResponse();
    }
}
