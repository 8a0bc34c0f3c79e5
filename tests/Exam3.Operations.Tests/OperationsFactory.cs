using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Exam3.Operations.Tests;

/// <summary>The Operations service in memory, named as the AppHost names a replica, with its spans collected.</summary>
public sealed class OperationsFactory : WebApplicationFactory<Program>
{
    public const string InstanceName = "operations-testrepl";

    /// <summary>Every span the service exported, in memory.</summary>
    public SpanSink ExportedSpans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OTEL_SERVICE_NAME", "operations");
        builder.UseSetting("OTEL_RESOURCE_ATTRIBUTES", $"service.instance.id={InstanceName}");
        // In memory, with no registry to join.
        builder.UseSetting("Consul:Registration:Enabled", "false");
        builder.ConfigureServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(ExportedSpans)));
    }
}
