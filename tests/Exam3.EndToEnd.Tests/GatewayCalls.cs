using System.Net.Http.Json;
using Exam3.Hosting;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

/// <summary>What the tests ask of the operations replicas through the gateway.</summary>
internal static class GatewayCalls
{
    /// <summary>
    /// GET /api/operations/multiply?a=6&amp;b=7 through the gateway, and the instance that answered. A status other than
    /// 2xx throws <see cref="HttpRequestException"/> with the status and the gateway's problem details.
    /// </summary>
    public static async Task<string> MultiplyAsync(HttpClient gateway, CancellationToken cancellationToken, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/operations/multiply?a=6&b=7");
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await gateway.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var answer = await response.Content.ReadFromJsonAsync<OperationResponse>(cancellationToken);
        Assert.Equal(42m, answer!.Result);
        return answer.Instance;
    }

    /// <summary>
    /// Waits until every operations replica of <paramref name="app"/> has answered through the gateway. A replica the
    /// AppHost reports healthy reaches the gateway's routes a moment later, through the registry's blocking queries;
    /// tests that count failed requests start counting after that.
    /// </summary>
    public static async Task UntilEveryReplicaAnswersAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var replicas = app.ResourceNotifications.Find("operations").Select(replica => replica.Name).ToHashSet();
        using var gateway = app.CreateHttpClient("gateway");
        var answered = new HashSet<string>();
        await Eventually.UntilAsync($"the gateway to route to {string.Join(", ", replicas)}", Timeouts.Condition, async () =>
        {
            answered.Add(await MultiplyAsync(gateway, cancellationToken));
            return answered.SetEquals(replicas);
        });
    }

    private sealed record OperationResponse(decimal Result, string Instance);
}
