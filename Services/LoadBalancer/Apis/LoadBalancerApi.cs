using Microsoft.AspNetCore.Http.HttpResults;

namespace Exam3.LoadBalancer.Apis;

/// <summary>GET /lb/state and /lb/haproxy.cfg: what the load balancer manages, for the dashboard and for people.</summary>
internal static class LoadBalancerApi
{
    public static IEndpointRouteBuilder MapLoadBalancerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/lb").WithTags("Load balancer");

        api.MapGet("/state", GetStateAsync)
            .WithName("lb-state")
            .WithSummary("The backend's slots, the replica in each and HAProxy's view of it.");

        api.MapGet("/haproxy.cfg", GetConfigurationAsync)
            .WithName("lb-configuration")
            .WithSummary("The configuration file as last rendered.");

        return app;
    }

    public static async Task<Results<Ok<LoadBalancerState>, ProblemHttpResult>> GetStateAsync(
        BackendSynchronizer synchronizer, RegistryFollower follower, IOptions<LoadBalancerOptions> options, CancellationToken cancellationToken)
    {
        var snapshot = synchronizer.Current;
        IReadOnlyList<ServerStatus> live;
        try
        {
            live = await synchronizer.RuntimeApi.ShowServersAsync(options.Value.Service, cancellationToken);
        }
        catch (HaproxyException error)
        {
            return TypedResults.Problem(error.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "HAProxy does not answer");
        }

        var byName = live.ToDictionary(server => server.Server, StringComparer.Ordinal);
        var servers = snapshot.Table.Slots.Select(slot =>
        {
            var status = byName.GetValueOrDefault(slot.Server);
            return new SlotState(
                slot.Server,
                slot.Member?.InstanceId,
                slot.Member?.Endpoint,
                status?.Status ?? "missing",
                status?.CheckStatus ?? "",
                status?.CurrentSessions ?? 0,
                status?.TotalSessions ?? 0);
        }).ToList();

        return TypedResults.Ok(new LoadBalancerState(
            options.Value.Service,
            options.Value.FrontendEndPoint.ToString(),
            options.Value.ConfigurationPath,
            follower.IsRegistryStale,
            snapshot.Reloads,
            snapshot.UpdatedAt,
            servers));
    }

    public static async Task<Results<ContentHttpResult, NotFound>> GetConfigurationAsync(IOptions<LoadBalancerOptions> options, CancellationToken cancellationToken) =>
        File.Exists(options.Value.ConfigurationPath)
            ? TypedResults.Text(await File.ReadAllTextAsync(options.Value.ConfigurationPath, cancellationToken), "text/plain")
            : TypedResults.NotFound();
}

/// <summary>
/// What GET /lb/state reports. RegistryStale: the registry is unreachable and the backend may be out of date.
/// Reloads: graceful reloads so far; only a growing pool of slots needs one.
/// </summary>
internal sealed record LoadBalancerState(
    string Service,
    string Frontend,
    string Configuration,
    bool RegistryStale,
    int Reloads,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<SlotState> Servers);

/// <summary>One server slot: the replica in it (none when free) and HAProxy's status for it.</summary>
internal sealed record SlotState(
    string Server,
    string? InstanceId,
    string? Address,
    string Status,
    string CheckStatus,
    long CurrentSessions,
    long TotalSessions);
