using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Exam3.Dashboard.Web;

/// <summary>
/// The page shell, script and stylesheet, embedded in this assembly so the AppHost serves them in-process
/// without a content root or static web assets manifest of its own.
/// </summary>
internal static class DashboardAssets
{
    // Aspire's routes, so links and habits carry over; the script draws the page the path names.
    private static readonly string[] PageRoutes =
        ["/", "/consolelogs", "/structuredlogs", "/traces", "/traces/detail/{traceId}", "/metrics", "/traffic", "/registry"];

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
    };

    public static void MapDashboardPages(this IEndpointRouteBuilder endpoints)
    {
        var shell = Read("index.html");
        foreach (var route in PageRoutes)
        {
            endpoints.MapGet(route, () => TypedResults.Bytes(shell, "text/html; charset=utf-8"))
                .WithMetadata(BrowserTokenRequiredMetadata.Instance);
        }
    }

    public static void MapDashboardAssets(this IEndpointRouteBuilder endpoints)
    {
        var assets = ContentTypes.ToDictionary(asset => asset.Key, asset => Read(asset.Key), StringComparer.Ordinal);
        endpoints.MapGet("/assets/{name}", IResult (string name) =>
            assets.TryGetValue(name, out var content) ? TypedResults.Bytes(content, ContentTypes[name]) : TypedResults.NotFound());
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream($"Exam3.Dashboard.Assets.{name}")
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
