using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;

namespace Exam3.Dashboard.Tests;

/// <summary>Points the OpenTelemetry .NET SDK's OTLP exporter at the dashboard, as a replica would be.</summary>
internal sealed record SdkExporter(DashboardServer Server, OtlpExportProtocol Protocol, string ServiceName = "operations", string InstanceId = "operations-abcdefgh")
{
    /// <summary>
    /// How long an export or a flush may take. The SDK's 10 s default is short for a loaded CI machine, and a failed
    /// export is dropped without a word, which a test would only see as telemetry that never came.
    /// </summary>
    public const int TimeoutMilliseconds = 60_000;

    public string? ApiKey { get; init; }

    public ResourceBuilder Resource() =>
        ResourceBuilder.CreateEmpty().AddService(ServiceName, serviceInstanceId: InstanceId, autoGenerateServiceInstanceId: false);

    /// <summary>Configures the exporter for one signal; over HTTP the SDK wants the signal's full path when set in code.</summary>
    public void Configure(OtlpExporterOptions options, string signalPath)
    {
        options.Protocol = Protocol;
        options.Endpoint = Protocol == OtlpExportProtocol.Grpc ? Server.GrpcUrl : new Uri(Server.HttpUrl, signalPath);
        options.ExportProcessorType = OpenTelemetry.ExportProcessorType.Simple;
        options.TimeoutMilliseconds = TimeoutMilliseconds;
        if (ApiKey is not null)
        {
            options.Headers = $"x-otlp-api-key={ApiKey}";
        }
    }
}
