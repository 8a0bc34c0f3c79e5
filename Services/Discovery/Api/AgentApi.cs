using Exam3.Discovery.Checks;

namespace Exam3.Discovery.Api;

/// <summary>What the agent handlers need, bundled so that each handler's signature stays short.</summary>
internal sealed record AgentDependencies(
    ConsulRegistry Registry,
    Registrations Registrations,
    RequestBody Body,
    CheckScheduler Checks,
    TimeProvider Time,
    IOptions<DiscoveryOptions> Options,
    ILogger<ConsulRegistry> Logger);

/// <summary>/v1/agent: the local agent's services and checks, its members and its configuration.</summary>
internal static partial class AgentApi
{
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/agent").WithTags("Agent");
        api.MapServiceEndpoints();
        api.MapCheckEndpoints();
        api.MapHealthEndpoints();

        api.MapConsulPut("/maintenance", SetNodeMaintenance).WithName("agent-maintenance").WithSummary("Puts the whole node into maintenance mode or takes it out.");
        api.MapConsulGet("/members", ListMembers).WithName("agent-members").WithSummary("The members of the cluster: this one node.");
        api.MapConsulGet("/self", Describe).WithName("agent-self").WithSummary("The agent's configuration and member information.");
        return app;
    }

    private static IResult SetNodeMaintenance(HttpContext http, [AsParameters] AgentDependencies agent)
    {
        var (enable, refusal) = ReadEnable(http.Request.Query);
        if (refusal is not null)
        {
            return refusal;
        }

        var change = agent.Registry.Apply(state => state.SetNodeMaintenance(enable, http.Request.Query["reason"].ToString()));
        agent.Logger.NodeMaintenance(enable ? "enabled" : "disabled", change.State.Node.Name);
        return Answer(change);
    }

    private static IResult ListMembers(IOptions<DiscoveryOptions> options) =>
        ConsulResults.Json<MemberView[]>([Member(options.Value)]);

    private static IResult Describe(ConsulRegistry registry, IOptions<DiscoveryOptions> options)
    {
        var settings = options.Value;
        var node = registry.Current.Node;
        return ConsulResults.Json(new AgentSelfView(
            new AgentConfigView(settings.Datacenter, settings.Datacenter, node.Name, node.Id, "exam3", true, ConsulViews.ConsulVersion, "2025-07-01T00:00:00Z"),
            EmptyObject.Instance,
            new CoordinateView([0, 0, 0, 0, 0, 0, 0, 0], 1.5, 0, 1e-5),
            Member(settings),
            EmptyObject.Instance,
            ConsulViews.NodeMeta));
    }

    private static MemberView Member(DiscoveryOptions settings) =>
        new(settings.NodeName, settings.NodeAddress, 8301,
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["bootstrap"] = "1",
                ["build"] = ConsulViews.ConsulVersion,
                ["dc"] = settings.Datacenter,
                ["port"] = "8300",
                ["role"] = "consul",
                ["vsn"] = "2",
                ["vsn_max"] = "3",
                ["vsn_min"] = "2",
            },
            1, 1, 5, 2, 2, 5, 4);
}
