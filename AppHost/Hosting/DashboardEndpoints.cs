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
/// The seam for the dashboard served inside the AppHost process: registered as a service by whatever hosts it, it claims the
/// dashboard's ports with the resources' (a busy one fails fast) and makes the start-up summary print its address.
/// </summary>
public sealed class HostedDashboard(DashboardEndpoints endpoints)
{
    public DashboardEndpoints Endpoints { get; } = endpoints;

    /// <summary>The link that logs a browser in (with its token), once the dashboard has started.</summary>
    public Uri? LoginUrl { get; set; }
}
