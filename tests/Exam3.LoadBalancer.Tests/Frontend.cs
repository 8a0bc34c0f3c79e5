using System.Net.Http.Json;

namespace Exam3.LoadBalancer.Tests;

/// <summary>A client of HAProxy's frontend that asks which replica served each request.</summary>
internal sealed class Frontend(int port) : IDisposable
{
    private static readonly TimeSpan RotationTimeout = TimeSpan.FromSeconds(30);

    // One keep-alive connection on purpose: HAProxy balances every request, not every connection.
    private readonly HttpClient _client = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The replica that served one GET /add.</summary>
    public async Task<string> ServedByAsync(CancellationToken cancellationToken)
    {
        var answer = await _client.GetFromJsonAsync<AddAnswer>("add?a=1&b=2", cancellationToken);
        return answer?.Instance ?? throw new InvalidOperationException("The answer named no instance.");
    }

    /// <summary>The replicas that served <paramref name="count"/> requests in a row.</summary>
    public async Task<IReadOnlyList<string>> ServedByAsync(int count, CancellationToken cancellationToken)
    {
        var served = new List<string>();
        for (var i = 0; i < count; i++)
        {
            served.Add(await ServedByAsync(cancellationToken));
        }

        return served;
    }

    /// <summary>Waits until requests go round robin over exactly <paramref name="replicas"/>.</summary>
    public Task WaitForRotationAsync(IReadOnlyCollection<string> replicas, CancellationToken cancellationToken) =>
        Eventually.UntilAsync($"requests to rotate over {string.Join(", ", replicas)}", RotationTimeout, async () =>
            IsRotation(await ServedByAsync(replicas.Count * 2, cancellationToken), replicas));

    /// <summary>Round robin, exactly: every replica once in the first round, then the same order again and again.</summary>
    public static bool IsRotation(IReadOnlyList<string> served, IReadOnlyCollection<string> replicas) =>
        served.Count >= replicas.Count
        && served.Take(replicas.Count).Order(StringComparer.Ordinal).SequenceEqual(replicas.Order(StringComparer.Ordinal))
        && served.Select((replica, index) => replica == served[index % replicas.Count]).All(same => same);

    public void Dispose() => _client.Dispose();

    private sealed record AddAnswer(string Instance);
}
