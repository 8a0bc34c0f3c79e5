using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

/// <summary>A <see cref="RequestLoop"/> calling the gateway's multiply, one request after another.</summary>
internal static class GatewayRequestLoop
{
    // Paces the loop so that it does not starve the two cores the replicas and the gateway share with it.
    private static readonly TimeSpan DefaultPacing = TimeSpan.FromMilliseconds(10);

    /// <summary>Starts calling; <paramref name="pacing"/> is the pause between an answer and the next request (10 ms unless told).</summary>
    public static RequestLoop Start(HttpClient gateway, CancellationToken cancellationToken, TimeSpan? pacing = null) =>
        RequestLoop.Start(stop => GatewayCalls.MultiplyAsync(gateway, stop), pacing ?? DefaultPacing, cancellationToken);
}
