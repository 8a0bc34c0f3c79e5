using System.Text;
using Exam3.Dashboard.Registry;
using Exam3.Dashboard.Resources;
using Exam3.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Exam3.Dashboard.Web;

/// <summary>
/// A Server-Sent Events stream that says "telemetry", "resources" or "registry" when one of them changed, so open pages fetch
/// again without reloading. Bursts are coalesced: a replica under load exports every second, not every span.
/// </summary>
internal static class LiveUpdatesApi
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);

    public static void MapLiveUpdatesApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/changes", StreamAsync).WithTags("Live");

    private static async Task StreamAsync(
        HttpContext context, TelemetryStore store, IHostApplicationLifetime lifetime, [FromServices] IResourceCatalog? catalog, [FromServices] RegistryView? registry)
    {
        // Kestrel waits for open requests when stopping; a stream left open by a browser must not hold the AppHost.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        // Read before the stream opens: a client that acts as soon as it sees the stream open must get an event for it.
        var telemetryVersion = store.Version;
        var resourcesVersion = catalog?.Version ?? 0;
        var registryVersion = registry?.Version ?? 0;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync("retry: 1000\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // The waits that did not fire are cancelled after each pass, or every pass would leave them behind
                // for as long as the page stays open.
                using (var pass = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var telemetryChanged = store.WaitForChangeAsync(telemetryVersion, pass.Token);
                    var resourcesChanged = catalog?.WaitForChangeAsync(resourcesVersion, pass.Token) ?? Task.Delay(Timeout.Infinite, pass.Token);
                    var registryChanged = registry?.WaitForChangeAsync(registryVersion, pass.Token) ?? Task.Delay(Timeout.Infinite, pass.Token);
                    await Task.WhenAny(telemetryChanged, resourcesChanged, registryChanged);
                    await pass.CancelAsync();
                }

                await Task.Delay(Coalesce, cancellationToken);

                var changes = new StringBuilder();
                if (store.Version != telemetryVersion)
                {
                    telemetryVersion = store.Version;
                    changes.Append("data: telemetry\n\n");
                }

                if (catalog is not null && catalog.Version != resourcesVersion)
                {
                    resourcesVersion = catalog.Version;
                    changes.Append("data: resources\n\n");
                }

                if (registry is not null && registry.Version != registryVersion)
                {
                    registryVersion = registry.Version;
                    changes.Append("data: registry\n\n");
                }

                await context.Response.WriteAsync(changes.ToString(), cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The browser left the page.
        }
    }
}
