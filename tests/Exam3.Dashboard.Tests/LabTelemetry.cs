using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Exam3.Dashboard.Tests;

/// <summary>
/// The lab's telemetry, exported for real by the OpenTelemetry SDK: a gateway that forwards requests round robin
/// to three replicas, each replica's logs and its request-duration histogram.
/// </summary>
internal static partial class LabTelemetry
{
    public static readonly string[] Replicas = ["operations-aaaaaaaa", "operations-bbbbbbbb", "operations-cccccccc"];

    /// <summary>Sends <paramref name="requests"/> requests through the gateway and returns their trace ids.</summary>
    public static IReadOnlyList<string> Export(DashboardServer server, int requests)
    {
        using var gatewaySource = new ActivitySource("Exam3.Gateway");
        using var gateway = Tracer(new SdkExporter(server, OtlpExportProtocol.Grpc, "gateway", "gateway"), gatewaySource.Name);
        var replicaSources = Replicas.Select(name => new ActivitySource($"Exam3.Lab.{name}")).ToList();
        var replicaTracers = Replicas.Select((name, i) => Tracer(ReplicaExporter(server, name), replicaSources[i].Name)).ToList();
        var traceIds = new List<string>();
        try
        {
            for (var request = 0; request < requests; request++)
            {
                var replica = request % Replicas.Length;
                using var inbound = gatewaySource.StartActivity("GET /api/operations/add", ActivityKind.Server)!;
                inbound.SetTag("http.route", "/api/operations/{**catch-all}");
                traceIds.Add(inbound.TraceId.ToHexString());
                using var forward = gatewaySource.StartActivity("GET", ActivityKind.Client)!;
                forward.SetTag("server.address", Replicas[replica]);
                using var served = replicaSources[replica].StartActivity("GET /add", ActivityKind.Server)!;
                served.SetTag("http.route", "/add");
                served.SetTag("http.response.status_code", 200);
            }

            gateway.ForceFlush(SdkExporter.TimeoutMilliseconds);
            replicaTracers.ForEach(tracer => tracer.ForceFlush(SdkExporter.TimeoutMilliseconds));
        }
        finally
        {
            replicaTracers.ForEach(tracer => tracer.Dispose());
            replicaSources.ForEach(source => source.Dispose());
        }

        foreach (var (replica, i) in Replicas.Select((name, i) => (name, i)))
        {
            ExportLogsAndMetrics(server, replica, requestsServed: (requests / Replicas.Length) + (i < requests % Replicas.Length ? 1 : 0));
        }

        return traceIds;
    }

    private static SdkExporter ReplicaExporter(DashboardServer server, string replica) =>
        new(server, OtlpExportProtocol.HttpProtobuf, "operations", replica);

    private static TracerProvider Tracer(SdkExporter exporter, string source) =>
        Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(exporter.Resource())
            .AddSource(source)
            .AddOtlpExporter(options => exporter.Configure(options, "/v1/traces"))
            .Build();

    private static void ExportLogsAndMetrics(DashboardServer server, string replica, int requestsServed)
    {
        var exporter = ReplicaExporter(server, replica);
        using (var loggers = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(exporter.Resource());
            options.IncludeFormattedMessage = true;
            options.AddOtlpExporter(otlp => exporter.Configure(otlp, "/v1/logs"));
        })))
        {
            var logger = loggers.CreateLogger("Exam3.Operations");
            Registered(logger, replica);
        }

        using var meter = new Meter($"Microsoft.AspNetCore.Hosting.{replica}");
        // The buckets ASP.NET Core advises for this instrument.
        var duration = meter.CreateHistogram<double>("http.server.request.duration", "s", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
        });
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(exporter.Resource())
            .AddMeter(meter.Name)
            .AddOtlpExporter((otlp, reader) =>
            {
                exporter.Configure(otlp, "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue;
            })
            .Build();
        // Three exports: the first is the baseline, the next two draw a line.
        for (var export = 0; export < 3; export++)
        {
            for (var request = 0; request < requestsServed; request++)
            {
                duration.Record(0.002 * (request + 1), new KeyValuePair<string, object?>("http.route", "/add"));
            }

            metrics.ForceFlush(SdkExporter.TimeoutMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica {Replica} registered with the registry")]
    private static partial void Registered(ILogger logger, string replica);
}
