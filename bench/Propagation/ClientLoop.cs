using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace Exam3.Bench.Propagation;

/// <summary>A client that sends GETs back to back through one target and records which replica served each.</summary>
internal sealed class ClientLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Served> _served = new();
    private readonly Task _loop;

    public ClientLoop(Target target)
    {
        Target = target;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public Target Target { get; }

    /// <summary>Everything served since <paramref name="since"/>.</summary>
    public IReadOnlyList<Served> Since(DateTimeOffset since) => [.. _served.Where(served => served.At >= since)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            string? instance;
            try
            {
                var answer = await Target.Http.GetFromJsonAsync<Answer>(Target.Url, stop);
                instance = answer?.Instance;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                instance = null;
            }

            _served.Enqueue(new Served(DateTimeOffset.UtcNow, instance));
        }
    }

    private sealed record Answer(string Instance);
}
