namespace Exam3.EndToEnd.Tests;

/// <summary>What the tests ask of the operations replicas, through the gateway or through HAProxy.</summary>
internal static class GatewayCalls
{
    /// <summary>
    /// GET multiply?a=6&amp;b=7 at <paramref name="path"/>, and the instance that answered. A status other than 2xx
    /// throws <see cref="HttpRequestException"/> with the status and the answer's body.
    /// </summary>
    public static async Task<string> MultiplyAsync(HttpClient client, CancellationToken cancellationToken, string path = "/api/operations/")
    {
        using var response = await client.GetAsync($"{path}multiply?a=6&b=7", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var answer = await response.Content.ReadFromJsonAsync<OperationResponse>(cancellationToken);
        Assert.Equal(42m, answer!.Result);
        return answer.Instance;
    }

    /// <summary>
    /// Waits until exactly <paramref name="replicas"/> have answered through <paramref name="client"/>. A replica the
    /// AppHost reports healthy reaches the gateway's routes and HAProxy's backend a moment later, through the
    /// registry's blocking queries; tests that count failed requests start counting after that.
    /// </summary>
    public static async Task UntilExactlyTheseAnswerAsync(HttpClient client, IEnumerable<string> replicas, CancellationToken cancellationToken, string path = "/api/operations/")
    {
        var expected = replicas.ToHashSet();
        var recent = new Queue<string>();
        try
        {
            await Eventually.UntilAsync($"{client.BaseAddress}{path.TrimStart('/')} to route to exactly {string.Join(", ", expected)}", Timeouts.Condition, async () =>
            {
                recent.Enqueue(await MultiplyAsync(client, cancellationToken, path));
                while (recent.Count > expected.Count * 2)
                {
                    recent.Dequeue();
                }

                return recent.Count == expected.Count * 2 && recent.ToHashSet().SetEquals(expected);
            });
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message} The last answers came from: {string.Join(", ", recent)}.", timeout.InnerException);
        }
    }

    private sealed record OperationResponse(decimal Result, string Instance);
}
