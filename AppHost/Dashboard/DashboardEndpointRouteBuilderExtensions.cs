using Exam3.Dashboard.Otlp;
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
        app.UseMiddleware<OtlpAccessMiddleware>();

        var grpcHost = $"*:{otlp.GrpcUrl.Port}";
        app.MapGrpcService<OtlpTraceService>().RequireHost(grpcHost).WithMetadata(OtlpEndpointMetadata.Instance);
        app.MapGrpcService<OtlpLogsService>().RequireHost(grpcHost).WithMetadata(OtlpEndpointMetadata.Instance);
        app.MapGrpcService<OtlpMetricsService>().RequireHost(grpcHost).WithMetadata(OtlpEndpointMetadata.Instance);
        app.MapOtlpHttpApi().RequireHost($"*:{otlp.HttpUrl.Port}").WithMetadata(OtlpEndpointMetadata.Instance);
        return app;
    }
}
