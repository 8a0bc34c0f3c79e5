using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

/// <summary>A <see cref="RequestLoop"/> calling multiply through the gateway or HAProxy, one request after another.</summary>
internal static class GatewayRequestLoop
{
    // Paces the loop so that it does not starve the two cores the replicas and the gateway share with it.
    public static readonly TimeSpan Pacing = TimeSpan.FromMilliseconds(10);

    /// <summary>Starts calling multiply at <paramref name="path"/> of <paramref name="client"/>.</summary>
    public static RequestLoop Start(HttpClient client, CancellationToken cancellationToken, string path = "/api/operations/") =>
        RequestLoop.Start(stop => GatewayCalls.MultiplyAsync(client, stop, path), Pacing, cancellationToken);
}
