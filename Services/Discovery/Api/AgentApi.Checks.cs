namespace Exam3.Discovery.Api;

internal static partial class AgentApi
{
    private static void MapCheckEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapConsulGet("/checks", ListChecks).WithName("agent-checks").WithSummary("The checks registered with this agent.");
        api.MapConsulPut("/check/register", RegisterCheckAsync).WithName("agent-check-register").WithSummary("Registers a check for the node or an instance.");
        api.MapConsulPut("/check/deregister/{**check_id}", DeregisterCheck).WithName("agent-check-deregister").WithSummary("Removes a check.");
        api.MapConsulPut("/check/pass/{**check_id}", (PathSuffix id, HttpContext http, [AsParameters] AgentDependencies agent) => SetTtl(id, CheckStatus.Passing, http, agent))
            .WithName("agent-check-pass").WithSummary("Marks a TTL check passing.");
        api.MapConsulPut("/check/warn/{**check_id}", (PathSuffix id, HttpContext http, [AsParameters] AgentDependencies agent) => SetTtl(id, CheckStatus.Warning, http, agent))
            .WithName("agent-check-warn").WithSummary("Marks a TTL check warning.");
        api.MapConsulPut("/check/fail/{**check_id}", (PathSuffix id, HttpContext http, [AsParameters] AgentDependencies agent) => SetTtl(id, CheckStatus.Critical, http, agent))
            .WithName("agent-check-fail").WithSummary("Marks a TTL check critical.");
        api.MapConsulPut("/check/update/{**check_id}", UpdateTtlAsync).WithName("agent-check-update").WithSummary("Sets a TTL check's status and output.");
    }

    private static IResult ListChecks(HttpContext http, ConsulRegistry registry)
    {
        var state = registry.Current;
        var checks = state.Checks.Values.Where(check => !check.Internal).Select(check => state.CheckView(check));
        return ConsulFilter.TryApply(http.Request.Query, checks, out var selected, out var error)
            ? ConsulResults.Json(selected.ToDictionary(view => view.CheckId, StringComparer.Ordinal))
            : ConsulResults.BadRequest(error);
    }

    private static async Task<IResult> RegisterCheckAsync(HttpContext http, [AsParameters] AgentDependencies agent)
    {
        var (check, refusal) = await ReadBodyAsync<CheckDefinitionJson, RegisteredCheck>(http, agent, agent.Registrations.Read);
        return refusal ?? Apply(agent, state => state.RegisterCheck(check!), _ => agent.Logger.CheckRegistered(check!.CheckId, check.ServiceId));
    }

    private static IResult DeregisterCheck(PathSuffix id, [AsParameters] AgentDependencies agent)
    {
        var instance = agent.Registry.Current.Checks.GetValueOrDefault(id)?.ServiceId ?? "";
        return Apply(agent, state => state.DeregisterCheck(id), _ => agent.Logger.CheckDeregistered(id, instance));
    }

    private static IResult SetTtl(PathSuffix id, string status, HttpContext http, AgentDependencies agent) =>
        ApplyTtl(id, status, http.Request.Query["note"].ToString(), agent);

    private static async Task<IResult> UpdateTtlAsync(PathSuffix id, HttpContext http, [AsParameters] AgentDependencies agent)
    {
        var (body, failure) = await agent.Body.DecodeAsync<CheckUpdateJson>(http.Request);
        if (failure is not null)
        {
            return failure;
        }

        return CheckStatus.IsValid(body!.Status)
            ? ApplyTtl(id, body.Status!, body.Output ?? "", agent)
            : ConsulResults.BadRequest($"Invalid check status: '{body.Status}'");
    }

    private static IResult ApplyTtl(PathSuffix id, string status, string output, AgentDependencies agent)
    {
        var before = agent.Registry.Current.Checks.GetValueOrDefault(id);
        return Apply(agent, state => state.UpdateTtlCheck(id, status, output, agent.Time.GetUtcNow()), change =>
        {
            agent.Checks.ResetTtl(id);
            if (before?.Status != status && change.State.Checks.GetValueOrDefault(id) is { } after)
            {
                agent.Logger.CheckChanged(id, after.ServiceId, change.State.ServiceOf(after)?.Name ?? "", status, output);
            }
        });
    }
}
