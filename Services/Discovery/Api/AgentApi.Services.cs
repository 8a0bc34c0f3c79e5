namespace Exam3.Discovery.Api;

internal static partial class AgentApi
{
    private static void MapServiceEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapConsulPut("/service/register", RegisterServiceAsync).WithName("agent-service-register").WithSummary("Registers or updates a service instance and its checks.");
        api.MapConsulPut("/service/deregister/{**service_id}", DeregisterService).WithName("agent-service-deregister").WithSummary("Removes a service instance and its checks.");
        api.MapConsulPut("/service/maintenance/{**service_id}", SetMaintenance).WithName("agent-service-maintenance").WithSummary("Puts an instance into maintenance mode or takes it out.");
        api.MapConsulGet("/services", ListServices).WithName("agent-services").WithSummary("The services registered with this agent.");
        api.MapConsulGet("/service/{**service_id}", GetService).WithName("agent-service").WithSummary("One service registered with this agent.");
    }

    private static async Task<IResult> RegisterServiceAsync(HttpContext http, [AsParameters] AgentDependencies agent)
    {
        var replaceChecks = http.Request.Query.Flag("replace-existing-checks");
        var (registration, refusal) = await ReadBodyAsync<ServiceDefinitionJson, ServiceRegistration>(http, agent, agent.Registrations.Read);
        if (refusal is not null)
        {
            return refusal;
        }

        var change = agent.Registry.Apply(state => state.RegisterService(registration!.Service, registration.Checks, replaceChecks ?? false));
        var service = registration!.Service;
        agent.Logger.Registered(service.Name, service.Id, service.Address, service.Port, registration.Checks.Count);
        return Answer(change);
    }

    private static IResult DeregisterService(PathSuffix id, [AsParameters] AgentDependencies agent)
    {
        var name = agent.Registry.Current.Services.GetValueOrDefault(id)?.Name ?? "";
        return Apply(agent, state => state.DeregisterService(id), _ => agent.Logger.Deregistered(name, id));
    }

    private static IResult SetMaintenance(PathSuffix id, HttpContext http, [AsParameters] AgentDependencies agent)
    {
        var (enable, refusal) = ReadEnable(http.Request.Query);
        if (refusal is not null)
        {
            return refusal;
        }

        return Apply(
            agent,
            state => state.SetMaintenance(id, enable, http.Request.Query["reason"].ToString()),
            change => agent.Logger.Maintenance(enable ? "enabled" : "disabled", id, change.State.Services[id].Name));
    }

    /// <summary>?enable as both maintenance endpoints read it: required, and a Go bool.</summary>
    private static (bool Enable, IResult? Refusal) ReadEnable(IQueryCollection query) =>
        !query.ContainsKey("enable") ? (false, ConsulResults.BadRequest("Missing value for enable"))
        : query.Flag("enable") is not { } enable || query["enable"].ToString().Length == 0
            ? (false, ConsulResults.BadRequest($"Invalid value for enable: \"{query["enable"]}\""))
            : (enable, null);

    private static IResult ListServices(HttpContext http, ConsulRegistry registry)
    {
        var state = registry.Current;
        var services = state.Services.Values.Where(service => !service.Internal)
            .Select(service => state.AgentServiceView(service));
        return ConsulFilter.TryApply(http.Request.Query, services, out var selected, out var error)
            ? ConsulResults.Json(selected.ToDictionary(view => view.Id, StringComparer.Ordinal))
            : ConsulResults.BadRequest(error);
    }

    private static Task<IResult> GetService(PathSuffix id, HttpContext http, ConsulRegistry registry) =>
        HashBlockingQuery.AnswerAsync(http, registry, state =>
            state.Services.TryGetValue(id, out var service) && !service.Internal ? state.AgentServiceView(service) : null,
            $"unknown service ID: {id}");

    private static IResult Answer(Change change) =>
        change.Error is { } error ? ConsulResults.Error(error.StatusCode, error.Message) : ConsulResults.Ok();

    /// <summary>
    /// Decodes the request's body and reads it into what the registry stores; a body that does not decode, or does not
    /// make a valid registration, is refused with Consul's answer.
    /// </summary>
    private static async Task<(T? Value, IResult? Refusal)> ReadBodyAsync<TJson, T>(
        HttpContext http, AgentDependencies agent, Func<TJson, (T?, RegistryError?)> read)
        where TJson : class, new()
        where T : class
    {
        var (body, failure) = await agent.Body.DecodeAsync<TJson>(http.Request);
        if (failure is not null)
        {
            return (null, failure);
        }

        var (value, invalid) = read(body!);
        return invalid is null ? (value, null) : (null, ConsulResults.Error(invalid.StatusCode, invalid.Message));
    }

    /// <summary>Applies a write, tells <paramref name="applied"/> when it took effect, and answers as Consul does.</summary>
    private static IResult Apply(AgentDependencies agent, Func<RegistryState, Change> write, Action<Change> applied)
    {
        var change = agent.Registry.Apply(write);
        if (change.Error is null)
        {
            applied(change);
        }

        return Answer(change);
    }
}
