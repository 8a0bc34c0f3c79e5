using Exam3.Dashboard.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Exam3.Dashboard.Web;

/// <summary>The Resources and Console logs pages' JSON and commands, answered by the AppHost's <see cref="IResourceCatalog"/>.</summary>
internal static class ResourcesApi
{
    public static void MapResourcesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/resources").WithTags("Resources");
        api.MapGet("/", Results<Ok<IReadOnlyList<ResourceSnapshot>>, ProblemHttpResult> ([FromServices] IResourceCatalog? catalog) =>
            catalog is null ? NoCatalog() : TypedResults.Ok(catalog.GetResources()));
        api.MapGet("/{name}/console", Results<Ok<IReadOnlyList<ConsoleLogLine>>, ProblemHttpResult> ([FromServices] IResourceCatalog? catalog, string name) =>
            catalog is null ? NoCatalog()
            : catalog.GetConsoleLogs(name) is { } lines ? TypedResults.Ok(lines)
            : TypedResults.Problem($"No resource is named '{name}'.", statusCode: StatusCodes.Status404NotFound));
        api.MapPost("/{name}/commands/{command}", ExecuteAsync);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(
        [FromServices] IResourceCatalog? catalog, string name, string command, CancellationToken cancellationToken)
    {
        if (catalog is null)
        {
            return NoCatalog();
        }

        if (command is not (ResourceCommands.Start or ResourceCommands.Stop or ResourceCommands.Restart))
        {
            return TypedResults.Problem($"Unknown command '{command}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await catalog.ExecuteCommandAsync(name, command, cancellationToken);
        return result.Succeeded
            ? TypedResults.NoContent()
            : TypedResults.Problem(result.Error, statusCode: StatusCodes.Status409Conflict, title: $"Could not {command} {name}");
    }

    private static ProblemHttpResult NoCatalog() => TypedResults.Problem(
        "This dashboard runs without an AppHost: resources and console logs are not available.",
        statusCode: StatusCodes.Status404NotFound);
}
