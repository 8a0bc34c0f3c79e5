using Exam3.ServiceDefaults;
using Exam3.ServiceDefaults.Consul;
using Exam3.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The namespace of Aspire's ServiceDefaults template: services call AddServiceDefaults() with no extra using.
namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The wiring every Exam3 process shares: telemetry, health endpoints, service discovery and resilience.
/// </summary>
public static class Extensions
{
    /// <summary>Readiness: every health check must pass. The registry's HTTP check calls it.</summary>
    public const string HealthEndpointPath = "/health";

    /// <summary>Liveness: only the checks tagged "live".</summary>
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>How many new traces a second a process keeps at most; the requests beyond that go untraced.</summary>
    public const string TracesPerSecondSetting = "Telemetry:TracesPerSecond";

    public const double DefaultTracesPerSecond = 50;

    /// <summary>
    /// Adds telemetry, default health checks, service discovery (configuration, then the registry) and resilience to
    /// every HttpClient. Registering in the registry is a separate call, AddConsulRegistration(), for the services
    /// that want to be found.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<ServiceInstance>();

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.AddConsulServiceEndpointProvider();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>OpenTelemetry logs, metrics and traces, exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(services => services.GetRequiredService<ServiceInstance>()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new RateLimitedSampler(
                    builder.Configuration.GetValue(TracesPerSecondSetting, DefaultTracesPerSecond), TimeProvider.System)))
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation(http =>
                    // Registration and blocking queries to the registry run all day long; they would drown real traces.
                    http.FilterHttpRequestMessage = request => !request.Options.TryGetValue(ConsulClient.RegistryRequest, out _)));

        builder.AddOpenTelemetryExporters();

        return builder;
    }

    /// <summary>The "self" check, tagged live, so that a process that answers at all is alive.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        return builder;
    }

    /// <summary>
    /// Maps /health and /alive in every environment (unlike Aspire's template), because the registry's checks call them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        });

        return app;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // UseOtlpExporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS itself.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Whether a request is for /health or /alive: the registry's checks and Aspire's, every few seconds.</summary>
    public static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);
}
