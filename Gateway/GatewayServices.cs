using Exam3.Gateway.Forwarding;
using Exam3.Gateway.Limits;
using Exam3.Gateway.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Trace;

namespace Exam3.Gateway;

/// <summary>The gateway's services and pipeline, one hop from Program.cs.</summary>
internal static class GatewayServices
{
    /// <summary>Where the gateway listens when neither ASPNETCORE_URLS nor --urls says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>YARP's ActivitySource: its forwarding spans join the trace the client started and the replica continues.</summary>
    private const string ProxyActivitySource = "Yarp.ReverseProxy";

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) => kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodySize);

        builder.Services.AddProblemDetails();
        builder.Services.AddClientRateLimiting();

        builder.Services.AddSingleton<IForwarderHttpClientFactory, GatewayHttpClientFactory>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, TransportFailureHealthPolicy>();
        builder.Services.AddSingleton<QuarantineRelease>();
        builder.Services.AddSingleton<RegistryEndpoint>();
        builder.Services.AddReverseProxy()
            .LoadFromMemory([], [])
            .AddTransforms(ServedByHeader.Add);
        builder.Services.AddHostedService<RegistryRouteFeed>();

        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(ProxyActivitySource));
        return builder;
    }

    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Unknown paths, and anything else the gateway answers without a body, become problem details.
        app.UseStatusCodePages();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The routes learned from the registry, behind retries on another replica and problem details.</summary>
    public static WebApplication MapRegistryRoutes(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ProxyProblems>();
            proxy.UseMiddleware<ReplayOnTransportFailure>();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
