namespace Exam3.EndToEnd.Tests;

/// <summary>A <see cref="RequestLoop"/> calling multiply through the gateway or HAProxy, one request after another.</summary>
internal static class GatewayRequestLoop
{
    /// <summary>Starts calling multiply at <paramref name="path"/> of <paramref name="client"/>.</summary>
    public static RequestLoop Start(HttpClient client, CancellationToken cancellationToken, string path = "/api/operations/") =>
        RequestLoop.Start(stop => GatewayCalls.MultiplyAsync(client, stop, path), cancellationToken);
}
