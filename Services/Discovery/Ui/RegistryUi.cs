using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Exam3.Discovery.Ui;

/// <summary>
/// The read-only web UI at /ui, as a Consul agent serves one: a page whose script follows the registry through its own
/// /v1 API. The files are embedded in the assembly, so the UI is there whatever directory the registry runs from.
/// </summary>
internal static class RegistryUi
{
    private const string PagePath = "/ui/";

    private static readonly FrozenDictionary<string, Asset> Assets = new Dictionary<string, Asset>(StringComparer.Ordinal)
    {
        ["index.html"] = Asset.Embedded("index.html", "text/html; charset=utf-8"),
        ["ui.css"] = Asset.Embedded("ui.css", "text/css; charset=utf-8"),
        ["ui.js"] = Asset.Embedded("ui.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapRegistryUi(this IEndpointRouteBuilder app)
    {
        // Consul answers its root with 301 to the UI; a browser pointed at the agent lands on the page.
        app.MapGet("/", () => TypedResults.Redirect(PagePath, permanent: true)).ExcludeFromDescription();

        var ui = app.MapGroup("/ui").ExcludeFromDescription();
        // Routing takes "/ui" and "/ui/" alike; the page links its files by absolute paths, so either works.
        ui.MapGet("/", () => Assets["index.html"].Result()).WithName("ui-page");
        ui.MapGet("/assets/{name}", Results<FileContentHttpResult, NotFound> (string name) =>
            Assets.TryGetValue(name, out var asset) ? asset.Result() : TypedResults.NotFound())
            .WithName("ui-asset");
        return app;
    }

    // The ETag lets a browser revalidate with If-None-Match and get 304, so a rebuilt registry never serves a stale script.
    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag)
    {
        public static Asset Embedded(string name, string contentType)
        {
            using var stream = typeof(RegistryUi).Assembly.GetManifestResourceStream($"Exam3.Discovery.Ui.{name}")
                ?? throw new InvalidOperationException($"The UI file {name} is not embedded in Exam3.Discovery.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            return new Asset(content, contentType, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content)[..8])}\""));
        }

        public FileContentHttpResult Result() => TypedResults.Bytes(Content, ContentType, entityTag: ETag);
    }
}
