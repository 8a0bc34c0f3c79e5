using System.Collections.Concurrent;

namespace Exam3.TestSupport;

/// <summary>
/// A client sending one request after another until stopped, recording which instance answered each, with when it was
/// sent, and what failed. Paced, so that it does not starve the processes it measures of the machine's cores.
/// </summary>
public sealed class RequestLoop : IAsyncDisposable
{
    // The pause after each request: enough that a loop does not starve the processes it measures of a 2-core machine's
    // cores, short enough for about a hundred requests a second.
    private static readonly TimeSpan Pacing = TimeSpan.FromMilliseconds(10);

    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    private RequestLoop(Func<CancellationToken, Task<string>> send, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = Task.Run(() => LoopAsync(send, _stop.Token), cancellationToken);
    }

    /// <summary>The answers in the order they came.</summary>
    public ConcurrentQueue<Answer> Served { get; } = new();

    /// <summary>What failed, each as "HH:mm:ss.fff (UTC, when sent) message".</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>
    /// Starts calling <paramref name="send"/>, which returns the instance that answered and throws
    /// <see cref="HttpRequestException"/> when the request failed, with a short pause after each.
    /// </summary>
    public static RequestLoop Start(Func<CancellationToken, Task<string>> send, CancellationToken cancellationToken) =>
        new(send, cancellationToken);

    /// <summary>Stops sending and waits for the loop to end; a request cut short by the stop is neither served nor failed.</summary>
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

    private async Task LoopAsync(Func<CancellationToken, Task<string>> send, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var sent = DateTimeOffset.UtcNow;
            try
            {
                Served.Enqueue(new Answer(await send(stop), sent));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (!stop.IsCancellationRequested)
            {
                // Whatever went wrong with one request, the loop records it and goes on: a test sees every failure.
                Failures.Enqueue($"{sent:HH:mm:ss.fff} {error.GetType().Name}: {error.Message}");
            }

            try
            {
                await Task.Delay(Pacing, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public sealed record Answer(string Instance, DateTimeOffset Sent);
}
