using Exam3.Dashboard.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Exam3.Dashboard.Web;

/// <summary>The Registry page's JSON, answered from the shared blocking-query watches.</summary>
internal static class RegistryApi
{
    public static void MapRegistryApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/registry", Results<Ok<RegistrySnapshot>, ProblemHttpResult> ([FromServices] RegistryView? registry) =>
            registry is null
                ? TypedResults.Problem("This dashboard runs without a registry: call AddExam3DashboardRegistry().", statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Ok(registry.GetSnapshot()))
            .WithTags("Registry");
}
