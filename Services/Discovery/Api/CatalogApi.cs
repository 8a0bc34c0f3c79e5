using Exam3.Discovery.Api.Views;
using Exam3.Discovery.Registry;

namespace Exam3.Discovery.Api;

/// <summary>/v1/catalog: services and their tags, instances without health, and nodes. All blocking.</summary>
internal static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/catalog").WithTags("Catalog").DecodingEscapedSlashes();
        api.MapConsulGet("/services", ListServices).WithName("catalog-services").WithSummary("Every service name with the union of its tags.");
        api.MapConsulGet("/service/{name}", ListInstances).WithName("catalog-service").WithSummary("Every instance of a service, healthy or not.");
        api.MapConsulGet("/nodes", ListNodes).WithName("catalog-nodes").WithSummary("The nodes: this one.");
        return app;
    }

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

    private static Task<IResult> ListInstances(string name, HttpContext http, ConsulRegistry registry)
    {
        var tags = http.Request.Query["tag"].Where(tag => !string.IsNullOrEmpty(tag)).Select(tag => tag!).ToList();
        if (!ConsulFilter.TryParse(http.Request.Query, out var filter, out var invalid))
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
}
