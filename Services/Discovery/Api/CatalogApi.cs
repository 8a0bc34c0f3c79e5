using System.Net;

namespace Exam3.Discovery.Api;

/// <summary>/v1/catalog: services and their tags, instances without health, nodes, and direct catalog writes. Reads block.</summary>
internal static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/catalog").WithTags("Catalog");
        api.MapConsulGet("/datacenters", ListDatacenters).WithName("catalog-datacenters").WithSummary("The known datacenters: this one.");
        api.MapConsulGet("/services", ListServices).WithName("catalog-services").WithSummary("Every service name with the union of its tags.");
        api.MapConsulGet("/service/{**service_name}", ListInstances).WithName("catalog-service").WithSummary("Every instance of a service, healthy or not.");
        api.MapConsulGet("/nodes", ListNodes).WithName("catalog-nodes").WithSummary("The nodes: this one.");
        api.MapConsulGet("/node/{**node_name}", DescribeNode).WithName("catalog-node").WithSummary("A node and the services registered on it.");
        api.MapConsulPut("/register", RegisterAsync).WithName("catalog-register").WithSummary("Writes a service and checks straight into the catalog.");
        api.MapConsulPut("/deregister", DeregisterAsync).WithName("catalog-deregister").WithSummary("Removes a service, a check or the node's entries from the catalog.");
        return app;
    }

    private static IResult ListDatacenters(IOptions<DiscoveryOptions> options) =>
        ConsulResults.Json<string[]>([options.Value.Datacenter]);

    private static Task<IResult> ListServices(HttpContext http, ConsulRegistry registry) =>
        BlockingQuery.AnswerAsync(http, registry, state =>
        {
            var services = state.Services.Values
                .GroupBy(service => service.Name, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .ToDictionary(
                    group => group.Key,
                    group => group.SelectMany(service => service.Tags).Distinct(StringComparer.Ordinal).ToList(),
                    StringComparer.Ordinal);
            return (services, state.ServicesIndex);
        });

    private static Task<IResult> ListInstances(PathSuffix name, HttpContext http, ConsulRegistry registry)
    {
        if (name.Value.Length == 0)
        {
            return Task.FromResult(ConsulResults.BadRequest("Missing service name"));
        }

        var tags = http.Request.Query["tag"].Where(tag => !string.IsNullOrEmpty(tag)).Select(tag => tag!).ToList();
        if (!ConsulFilter.TryParse<CatalogServiceView>(http.Request.Query, out var filter, out var invalid))
        {
            return Task.FromResult(ConsulResults.BadRequest(invalid));
        }

        return BlockingQuery.AnswerAsync(http, registry, state =>
            (state.InstancesOf(name)
                .Where(service => tags.All(service.Tags.Contains))
                .Select(service => state.CatalogServiceView(service))
                .Where(view => filter.Matches(view))
                .ToList(),
             state.IndexOfServiceName(name)));
    }

    private static Task<IResult> ListNodes(HttpContext http, ConsulRegistry registry) =>
        BlockingQuery.AnswerAsync(http, registry, state => (new[] { state.NodeView() }, state.Node.ModifyIndex));

    // An unknown node is `null`, not 404: Consul returns the nil NodeServices it found.
    private static Task<IResult> DescribeNode(PathSuffix node, HttpContext http, ConsulRegistry registry)
    {
        if (node.Value.Length == 0)
        {
            return Task.FromResult(ConsulResults.BadRequest("Missing node name"));
        }

        if (!ConsulFilter.TryParse<HealthServiceView>(http.Request.Query, out var filter, out var invalid))
        {
            return Task.FromResult(ConsulResults.BadRequest(invalid));
        }

        return BlockingQuery.AnswerAsync(http, registry, state =>
            (state.Node.Name == node.Value
                ? new CatalogNodeView(state.NodeView(), state.Services.Values
                    .Select(service => state.NodeServiceView(service))
                    .Where(view => filter.Matches(view))
                    .ToImmutableSortedDictionary(view => view.Id, view => view, StringComparer.Ordinal))
                : null,
             Math.Max(state.ServicesIndex, state.Node.ModifyIndex)));
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, RequestBody bodies, ConsulRegistry registry)
    {
        var (body, refused) = await DecodeForThisNodeAsync<RegisterRequestJson>(http, bodies, registry, request => request.Node);
        if (refused is not null)
        {
            return refused;
        }

        if (string.IsNullOrEmpty(body!.Address) && !body.SkipNodeUpdate)
        {
            return ConsulResults.Error(StatusCodes.Status500InternalServerError, "Must provide address if SkipNodeUpdate is not set");
        }

        var service = body.Service;
        if (service is not null && !string.IsNullOrEmpty(service.Id) && string.IsNullOrEmpty(service.Service))
        {
            return ConsulResults.Error(StatusCodes.Status500InternalServerError, "Must provide service name with ID");
        }

        if (service is not null && IPAddress.TryParse(service.Address, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            return ConsulResults.Error(StatusCodes.Status500InternalServerError, "Invalid service address");
        }

        var checks = new[] { body.Check }.Concat(body.Checks ?? []).OfType<HealthCheckJson>().Select(ToCheck).ToList();
        var change = registry.Apply(state => state.RegisterInCatalog(service is { Service.Length: > 0 } ? ToService(service) : null, checks));
        return change.Error is { } error ? ConsulResults.Error(error.StatusCode, error.Message) : ConsulResults.Json(true);
    }

    private static async Task<IResult> DeregisterAsync(HttpContext http, RequestBody bodies, ConsulRegistry registry)
    {
        var (body, refused) = await DecodeForThisNodeAsync<DeregisterRequestJson>(http, bodies, registry, request => request.Node);
        if (refused is not null)
        {
            return refused;
        }

        registry.Apply(state => state.DeregisterFromCatalog(body!.ServiceId ?? "", body.CheckId ?? ""));
        return ConsulResults.Json(true);
    }

    // A catalog write's body, or its refusal: Consul's decode errors and "Must provide node"; and any node but this one is
    // beyond a single-node registry, which says so.
    private static async Task<(T? Body, IResult? Refusal)> DecodeForThisNodeAsync<T>(
        HttpContext http, RequestBody bodies, ConsulRegistry registry, Func<T, string?> nodeOf) where T : class, new()
    {
        var (body, failure) = await bodies.DecodeAsync<T>(http.Request);
        var node = body is null ? null : nodeOf(body);
        var thisNode = registry.Current.Node.Name;
        return failure is not null ? (null, failure)
            : string.IsNullOrEmpty(node) ? (null, ConsulResults.Error(StatusCodes.Status500InternalServerError, "Must provide node"))
            : node != thisNode ? (null, ConsulResults.BadRequest(OtherNode(thisNode, node)))
            : (body, null);
    }

    // Concatenated, not interpolated: the node may be a body-sized string, and an interpolation's buffer would be rented
    // from the shared pool, which keeps it per thread (see JsonTreeReader).
    private static string OtherNode(string thisNode, string node) =>
        string.Concat("This registry is a single node, \"", thisNode, "\": it cannot hold node \"", node, "\"");

    private static RegisteredService ToService(NodeServiceJson body) =>
        new(string.IsNullOrEmpty(body.Id) ? body.Service! : body.Id, body.Service!,
            [.. (body.Tags ?? []).Select(tag => tag ?? "")], body.Address ?? "", body.Port,
            (body.Meta ?? []).ToImmutableSortedDictionary(pair => pair.Key, pair => pair.Value ?? "", StringComparer.Ordinal),
            (body.TaggedAddresses ?? []).ToImmutableSortedDictionary(pair => pair.Key, pair => new ServiceAddress(pair.Value.Address ?? "", pair.Value.Port), StringComparer.Ordinal),
            body.Weights is { Passing: > 0 } weights ? new ServiceWeights(weights.Passing, weights.Warning) : ServiceWeights.Default,
            body.EnableTagOverride);

    // Consul's checkPreApply and ensureCheckTxn: the ID defaults to the name, the status to critical.
    private static RegisteredCheck ToCheck(HealthCheckJson body) =>
        new(string.IsNullOrEmpty(body.CheckId) ? body.Name ?? "" : body.CheckId, body.Name ?? "",
            string.IsNullOrEmpty(body.Status) ? CheckStatus.Critical : body.Status, body.Notes ?? "", body.Output ?? "",
            body.ServiceId ?? "", body.Type ?? "", null);
}
