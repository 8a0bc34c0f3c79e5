namespace Exam3.Discovery.Api;

/// <summary>/v1/health: instances with their checks, and checks by service or state. All blocking.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/health").WithTags("Health");
        api.MapConsulGet("/service/{**service_name}", ListInstances).WithName("health-service").WithSummary("Instances of a service with their checks; ?passing keeps the healthy ones.");
        api.MapConsulGet("/checks/{**service_name}", ListServiceChecks).WithName("health-checks").WithSummary("The checks of a service's instances.");
        api.MapConsulGet("/state/{**check_state}", ListChecksInState).WithName("health-state").WithSummary("Checks in a state: any, passing, warning or critical.");
        api.MapConsulGet("/node/{**node_name}", ListNodeChecks).WithName("health-node").WithSummary("The checks of a node.");
        return app;
    }

    private static Task<IResult> ListInstances(PathSuffix name, HttpContext http, ConsulRegistry registry)
    {
        var query = http.Request.Query;
        if (name.Value.Length == 0)
        {
            return Task.FromResult(ConsulResults.BadRequest("Missing service name"));
        }

        if (query.Flag("passing") is not { } passingOnly)
        {
            return Task.FromResult(ConsulResults.BadRequest("Invalid value for ?passing"));
        }

        var tags = query["tag"].Where(tag => !string.IsNullOrEmpty(tag)).Select(tag => tag!).ToList();
        if (!ConsulFilter.TryParse<ServiceEntryView>(query, out var filter, out var invalid))
        {
            return Task.FromResult(ConsulResults.BadRequest(invalid));
        }

        return BlockingQuery.AnswerAsync(http, registry, state =>
        {
            var entries = state.InstancesOf(name)
                .Where(service => tags.All(service.Tags.Contains))
                .Select(service => state.EntryView(service))
                .Where(entry => !passingOnly || entry.Checks.All(check => check.Status == CheckStatus.Passing))
                .Where(filter.Matches)
                .ToList();
            return (entries, state.IndexOfServiceName(name));
        });
    }

    private static Task<IResult> ListServiceChecks(PathSuffix name, HttpContext http, ConsulRegistry registry) =>
        name.Value.Length == 0
            ? Task.FromResult(ConsulResults.BadRequest("Missing service name"))
            : FilteredChecks(http, registry,
                state => state.InstancesOf(name).SelectMany(service => state.ChecksOf(service.Id)),
                state => state.IndexOfServiceName(name));

    private static Task<IResult> ListChecksInState(PathSuffix wanted, HttpContext http, ConsulRegistry registry)
    {
        string state = wanted;
        if (state.Length == 0)
        {
            return Task.FromResult(ConsulResults.BadRequest("Missing check state"));
        }

        if (state is not ("any" or CheckStatus.Passing or CheckStatus.Warning or CheckStatus.Critical))
        {
            return Task.FromResult(ConsulResults.BadRequest("Invalid check state"));
        }

        return FilteredChecks(http, registry,
            snapshot => snapshot.Checks.Values.Where(check => state == "any" || check.Status == state),
            snapshot => snapshot.ChecksIndex);
    }

    private static Task<IResult> ListNodeChecks(PathSuffix node, HttpContext http, ConsulRegistry registry) =>
        node.Value.Length == 0
            ? Task.FromResult(ConsulResults.BadRequest("Missing node name"))
            : FilteredChecks(http, registry,
                state => state.Node.Name == node.Value ? state.Checks.Values : [],
                state => state.ChecksIndex);

    private static Task<IResult> FilteredChecks(
        HttpContext http, ConsulRegistry registry, Func<RegistryState, IEnumerable<RegisteredCheck>> select, Func<RegistryState, long> index)
    {
        if (!ConsulFilter.TryParse<HealthCheckView>(http.Request.Query, out var filter, out var invalid))
        {
            return Task.FromResult(ConsulResults.BadRequest(invalid));
        }

        return BlockingQuery.AnswerAsync(http, registry, state =>
            (select(state).Select(check => state.CheckView(check)).Where(filter.Matches).ToList(), index(state)));
    }
}
