using Exam3.Dashboard.Otlp.Proto.Collector.Logs;
using Exam3.Dashboard.Otlp.Proto.Collector.Metrics;
using Exam3.Dashboard.Otlp.Proto.Collector.Trace;
using Grpc.Core;

namespace Exam3.Dashboard.Otlp;

/// <summary>OTLP/gRPC: opentelemetry.proto.collector.trace.v1.TraceService.</summary>
internal sealed class OtlpTraceService(OtlpIngest ingest) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context) =>
        Task.FromResult(ingest.Traces(request));
}

/// <summary>OTLP/gRPC: opentelemetry.proto.collector.logs.v1.LogsService.</summary>
internal sealed class OtlpLogsService(OtlpIngest ingest) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(ingest.Logs(request));
}

/// <summary>OTLP/gRPC: opentelemetry.proto.collector.metrics.v1.MetricsService.</summary>
internal sealed class OtlpMetricsService(OtlpIngest ingest) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(ingest.Metrics(request));
}
