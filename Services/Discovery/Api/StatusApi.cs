namespace Exam3.Discovery.Api;

/// <summary>/v1/status: a dev agent is its own leader and only peer, at its server RPC address.</summary>
internal static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/status").WithTags("Status");
        api.MapConsulGet("/leader", (IOptions<DiscoveryOptions> options) => ConsulResults.Json(ServerAddress(options.Value)))
            .WithName("status-leader").WithSummary("The Raft leader's address.");
        api.MapConsulGet("/peers", (IOptions<DiscoveryOptions> options) => ConsulResults.Json<string[]>([ServerAddress(options.Value)]))
            .WithName("status-peers").WithSummary("The Raft peers' addresses.");
        return app;
    }

    private static string ServerAddress(DiscoveryOptions options) => $"{options.NodeAddress}:8300";
}
