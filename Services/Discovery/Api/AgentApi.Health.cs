namespace Exam3.Discovery.Api;

/// <summary>One local instance with its checks and their aggregate, as the agent's health endpoints report it.</summary>
internal sealed record AgentServiceHealthView(string AggregatedStatus, AgentServiceView Service, IReadOnlyList<HealthCheckView> Checks);

internal static partial class AgentApi
{
    private const string Maintenance = RegisteredCheck.MaintenanceType;

    private static void MapHealthEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapConsulGet("/health/service/id/{**service_id}", HealthById).WithName("agent-health-id")
            .WithSummary("An instance's aggregated health: 200 passing, 429 warning, 503 critical or maintenance.");
        api.MapConsulGet("/health/service/name/{**service_name}", HealthByName).WithName("agent-health-name")
            .WithSummary("The aggregated health of every local instance of a service; the status code is the worst.");
    }

    private static IResult HealthById(PathSuffix id, HttpContext http, ConsulRegistry registry)
    {
        var state = registry.Current;
        if (!state.Services.TryGetValue(id, out var service) || service.Internal)
        {
            return ConsulResults.NotFound($"ServiceId {id} not found");
        }

        var health = HealthOf(state, service);
        return Respond(http, health.AggregatedStatus, health);
    }

    private static IResult HealthByName(PathSuffix name, HttpContext http, ConsulRegistry registry)
    {
        var state = registry.Current;
        var instances = state.InstancesOf(name).Where(service => !service.Internal).Select(service => HealthOf(state, service)).ToList();
        if (instances.Count == 0)
        {
            return http.Request.Query["format"] == "text"
                ? ConsulResults.NotFound($"ServiceName {name} Not Found")
                : ConsulResults.Body(StatusCodes.Status404NotFound, ConsulResults.SerializeText(instances), "application/json");
        }

        return Respond(http, Worst(instances.Select(instance => instance.AggregatedStatus)), instances);
    }

    private static AgentServiceHealthView HealthOf(RegistryState state, RegisteredService service)
    {
        var checks = state.ChecksAffecting(service).Where(check => !check.Internal).ToList();
        var status = Worst(checks.Select(check => check.Type == Maintenance ? Maintenance : check.Status));
        return new AgentServiceHealthView(status, state.AgentServiceView(service), [.. checks.Select(check => state.CheckView(check))]);
    }

    // api/health.go AggregatedStatus: maintenance, then critical, then warning, else passing.
    private static string Worst(IEnumerable<string> statuses)
    {
        var all = statuses.ToHashSet(StringComparer.Ordinal);
        return ((string[])[Maintenance, CheckStatus.Critical, CheckStatus.Warning]).FirstOrDefault(all.Contains) ?? CheckStatus.Passing;
    }

    private static IResult Respond<T>(HttpContext http, string status, T body)
    {
        var code = status switch
        {
            CheckStatus.Passing => StatusCodes.Status200OK,
            CheckStatus.Warning => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status503ServiceUnavailable,
        };
        return http.Request.Query["format"] == "text"
            ? ConsulResults.Error(code, status)
            : ConsulResults.Body(code, ConsulResults.SerializeText(body), "application/json");
    }
}
