using System.Security.Cryptography;
using Exam3.Dashboard.Otlp;
using Exam3.Dashboard.Registry;
using Exam3.Dashboard.Telemetry;
using Exam3.Dashboard.Web;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Exam3.Dashboard;

/// <summary>Adds the dashboard to a web application: OTLP receiver, telemetry store and pages, on their own endpoints.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard and makes Kestrel listen on its three endpoints, bound from
    /// Dashboard:Frontend, Dashboard:Otlp and Dashboard:TelemetryLimits and validated at start.
    /// </summary>
    public static IServiceCollection AddExam3Dashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardFrontendOptions>()
            .BindConfiguration(DashboardFrontendOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => ListenAddress.IsValid(o.Url), "Dashboard:Frontend:Url must be http://<ip or localhost>:<port>.")
            .PostConfigure(o => o.BrowserToken = string.IsNullOrEmpty(o.BrowserToken) ? NewToken() : o.BrowserToken)
            .ValidateOnStart();
        services.AddOptions<OtlpReceiverOptions>()
            .BindConfiguration(OtlpReceiverOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => ListenAddress.IsValid(o.GrpcUrl) && ListenAddress.IsValid(o.HttpUrl), "Dashboard:Otlp:GrpcUrl and HttpUrl must be http://<ip or localhost>:<port>.")
            .Validate(o => o.IsLoopbackOnly || o.RequiresApiKey, "Dashboard:Otlp:ApiKey is required when an OTLP endpoint is bound beyond loopback.")
            .ValidateOnStart();
        services.AddOptions<TelemetryLimits>()
            .BindConfiguration(TelemetryLimits.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<DashboardFrontendOptions>, IOptions<OtlpReceiverOptions>>((kestrel, frontend, otlp) =>
            {
                kestrel.Listen(ListenAddress.EndPoint(frontend.Value.Url));
                // OTLP/gRPC comes over HTTP/2 without TLS, which Kestrel only speaks when told to expect nothing else.
                kestrel.Listen(ListenAddress.EndPoint(otlp.Value.GrpcUrl), listen => listen.Protocols = HttpProtocols.Http2);
                kestrel.Listen(ListenAddress.EndPoint(otlp.Value.HttpUrl), listen => listen.Protocols = HttpProtocols.Http1);
            });

        services.AddGrpc();
        services.AddProblemDetails();
        // A malformed query (a level that is not one, say) is a plain 400: in Development, minimal APIs would otherwise
        // throw into the developer exception page, which echoes the request's headers, browser token cookie included.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TelemetryStore>();
        services.AddSingleton<OtlpIngest>();
        services.AddHostedService<DashboardLog>();
        return services;
    }

    /// <summary>
    /// Adds the Registry page, which follows the Consul-compatible registry at ConnectionStrings:consul
    /// (else CONSUL_HTTP_ADDR) through the shared <see cref="Exam3.ServiceDefaults.Consul.ConsulWatches"/>.
    /// </summary>
    public static IServiceCollection AddExam3DashboardRegistry(this IServiceCollection services)
    {
        services.AddConsulClient();
        services.AddSingleton<RegistryView>();
        return services;
    }

    // 128 random bits as hex, as Aspire's browser token.
    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
