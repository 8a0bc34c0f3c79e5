using System.Net.Http.Json;
using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

/// <summary>A <see cref="RequestLoop"/> calling the gateway's multiply, one request after another.</summary>
internal static class GatewayRequestLoop
{
    // Paces the loop so that it does not starve the two cores the replicas and the gateway share with it.
    private static readonly TimeSpan DefaultPacing = TimeSpan.FromMilliseconds(10);

    /// <summary>Starts calling; <paramref name="pacing"/> is the pause between an answer and the next request (10 ms unless told).</summary>
    public static RequestLoop Start(HttpClient gateway, CancellationToken cancellationToken, TimeSpan? pacing = null) =>
        RequestLoop.Start(stop => MultiplyAsync(gateway, stop), pacing ?? DefaultPacing, cancellationToken);

    private static async Task<string> MultiplyAsync(HttpClient gateway, CancellationToken cancellationToken)
    {
        using var response = await gateway.GetAsync("/api/operations/multiply?a=6&b=7", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var answer = await response.Content.ReadFromJsonAsync<OperationResponse>(cancellationToken);
        return answer!.Instance;
    }

    private sealed record OperationResponse(decimal Result, string Instance);
}
