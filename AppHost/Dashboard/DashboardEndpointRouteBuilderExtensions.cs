using Exam3.Dashboard.Otlp;
using Exam3.Dashboard.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exam3.Dashboard;

/// <summary>Maps the dashboard's endpoints, each kept to its own port.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>Maps the OTLP receiver (gRPC and HTTP) and the dashboard's pages.</summary>
    public static WebApplication MapExam3Dashboard(this WebApplication app)
    {
        var otlp = app.Services.GetRequiredService<IOptions<OtlpReceiverOptions>>().Value;
        var frontend = app.Services.GetRequiredService<IOptions<DashboardFrontendOptions>>().Value;
        app.UseMiddleware<OtlpAccessMiddleware>();
        app.UseMiddleware<BrowserTokenMiddleware>();

        var grpcHost = $"*:{otlp.GrpcUrl.Port}";
        app.MapGrpcService<OtlpTraceService>().RequireHost(grpcHost).WithMetadata(OtlpEndpointMetadata.Instance);
        app.MapGrpcService<OtlpLogsService>().RequireHost(grpcHost).WithMetadata(OtlpEndpointMetadata.Instance);
        app.MapGrpcService<OtlpMetricsService>().RequireHost(grpcHost).WithMetadata(OtlpEndpointMetadata.Instance);
        app.MapOtlpHttpApi().RequireHost($"*:{otlp.HttpUrl.Port}").WithMetadata(OtlpEndpointMetadata.Instance);

        var ui = app.MapGroup("").RequireHost($"*:{frontend.Url.Port}");
        ui.MapBrowserTokenLogin();
        ui.MapDashboardAssets();
        ui.MapDashboardPages();
        var api = ui.MapGroup("").WithMetadata(BrowserTokenRequiredMetadata.Instance);
        api.MapTelemetryApi();
        api.MapResourcesApi();
        api.MapRegistryApi();
        api.MapLiveUpdatesApi();
        return app;
    }
}
