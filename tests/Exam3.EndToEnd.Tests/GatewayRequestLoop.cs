using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace Exam3.EndToEnd.Tests;

/// <summary>A client calling the gateway one request after another until stopped, recording which replica answered each and what failed.</summary>
internal sealed class GatewayRequestLoop : IAsyncDisposable
{
    // Paces the loop so that it does not starve the two cores the replicas and the gateway share with it.
    private static readonly TimeSpan DefaultPacing = TimeSpan.FromMilliseconds(10);

    private readonly CancellationTokenSource _stop;
    private readonly TimeSpan _pacing;
    private readonly Task _loop;

    private GatewayRequestLoop(HttpClient gateway, TimeSpan pacing, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _pacing = pacing;
        _loop = Task.Run(() => LoopAsync(gateway, _stop.Token), cancellationToken);
    }

    /// <summary>The answers in the order they came, each with the time its request was sent.</summary>
    public ConcurrentQueue<Answer> Served { get; } = new();

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Starts calling; <paramref name="pacing"/> is the pause between an answer and the next request (10 ms unless told).</summary>
    public static GatewayRequestLoop Start(HttpClient gateway, CancellationToken cancellationToken, TimeSpan? pacing = null) =>
        new(gateway, pacing ?? DefaultPacing, cancellationToken);

    /// <summary>Stops sending and waits for the request in flight; calling it again does nothing.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(HttpClient gateway, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var sent = DateTimeOffset.UtcNow;
            try
            {
                using var response = await gateway.GetAsync("/api/operations/multiply?a=6&b=7", CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    var answer = await response.Content.ReadFromJsonAsync<OperationResponse>(CancellationToken.None);
                    Served.Enqueue(new Answer(answer!.Instance, sent));
                }
                else
                {
                    Failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException error)
            {
                Failures.Enqueue(error.Message);
            }

            try
            {
                await Task.Delay(_pacing, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal sealed record Answer(string Instance, DateTimeOffset Sent);

    private sealed record OperationResponse(decimal Result, string Instance);
}
