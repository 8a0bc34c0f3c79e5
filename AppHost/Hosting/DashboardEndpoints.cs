namespace Exam3.Hosting;

/// <summary>
/// Where the dashboard serves: its UI and its OTLP receivers (gRPC and HTTP). The builder resolves them from configuration
/// (<c>Ports:dashboard</c>, <c>Ports:otlp-grpc</c>, <c>Ports:otlp-http</c>) for the dashboard to bind.
/// </summary>
public sealed record DashboardEndpoints(Uri Browser, Uri OtlpGrpc, Uri OtlpHttp)
{
    public const int DefaultBrowserPort = 18888;
    public const int DefaultOtlpGrpcPort = 4317;
    public const int DefaultOtlpHttpPort = 4318;
}

/// <summary>
/// The seam for the dashboard served inside the AppHost process: registered as a service by whatever hosts it, it makes the
/// start-up summary print the dashboard's address (nothing is printed as served before something serves it).
/// </summary>
public sealed record HostedDashboard(DashboardEndpoints Endpoints);
