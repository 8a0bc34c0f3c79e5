using System.Collections.Concurrent;

namespace Exam3.LoadBalancer.Tests;

/// <summary>GETs through the frontend one after another until disposed, counting every answer and every failure.</summary>
internal sealed class RequestLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Task _loop;
    private int _succeeded;

    public RequestLoop(int port)
    {
        _loop = Task.Run(() => RunAsync(port));
    }

    public int Succeeded => Volatile.Read(ref _succeeded);

    public IReadOnlyList<string> Failures => [.. _failures];

    /// <summary>Stops the loop; may be called again.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    private async Task RunAsync(int port)
    {
        using var frontend = new Frontend(port);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await frontend.ServedByAsync(_stop.Token);
                Interlocked.Increment(ref _succeeded);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            {
                _failures.Enqueue(error.Message);
            }
        }
    }
}
