using System.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// Follows one Consul blocking query for as long as it lives: holds the last value, and signals the moment the value
/// changes or the registry becomes unreachable or reachable again. When the registry is unreachable it keeps the last
/// known value and retries with a bounded backoff, logging the outage once and the recovery once.
/// </summary>
public sealed partial class BlockingQueryWatch<T> : IAsyncDisposable where T : class
{
    // A registry that answers at once without the index moving is not blocking; pacing the loop keeps it from spinning.
    private static readonly TimeSpan MinQuietInterval = TimeSpan.FromMilliseconds(500);

    private readonly Func<ulong, CancellationToken, Task<ConsulResponse<T>>> _query;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<T> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChangeSignal _changed = new();
    private Task? _loop;

    /// <param name="description">What is watched, for logs: "health of operations".</param>
    /// <param name="query">One blocking query from an index (0 = answer at once).</param>
    /// <param name="logger">Where outages and recoveries are logged.</param>
    public BlockingQueryWatch(string description, Func<ulong, CancellationToken, Task<ConsulResponse<T>>> query, ILogger logger)
    {
        Description = description;
        _query = query;
        _logger = logger;
    }

    /// <summary>What is watched.</summary>
    public string Description { get; }

    /// <summary>The last value the registry gave, or null before the first answer.</summary>
    public T? Current { get; private set; }

    /// <summary>True while the registry cannot be reached and <see cref="Current"/> may be out of date.</summary>
    public bool IsStale { get; private set; }

    /// <summary>
    /// Completes at the next change of <see cref="Current"/> or <see cref="IsStale"/>. Take it before reading them, so
    /// that a change landing in between completes it rather than going unseen; ask again for the one after.
    /// </summary>
    public Task NextChangeAsync(CancellationToken cancellationToken) => Volatile.Read(ref _changed).Next.Task.WaitAsync(cancellationToken);

    /// <summary>The same signal as <see cref="NextChangeAsync"/>, as the change token Microsoft.Extensions.ServiceDiscovery takes.</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token.Token);

    /// <summary>Starts following the query in the background; idempotent.</summary>
    public BlockingQueryWatch<T> Start()
    {
        lock (_stopping)
        {
            _loop ??= Task.Run(RunAsync);
        }

        return this;
    }

    /// <summary>Waits for the first answer from the registry.</summary>
    public Task<T> FirstValueAsync(CancellationToken cancellationToken) => _first.Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _first.TrySetCanceled();
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        ulong index = 0;
        var failures = 0;
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var response = await _query(index, token);
                var recovered = failures > 0;
                if (recovered)
                {
                    Log.Recovered(_logger, Description, failures);
                    failures = 0;
                    IsStale = false;
                }

                Publish(response.Value, recovered);
                var quiet = response.Index == index;
                index = BlockingQueryIndex.Next(index, response.Index);
                if (quiet && clock.Elapsed < MinQuietInterval)
                {
                    await Task.Delay(MinQuietInterval - clock.Elapsed, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is HttpRequestException or TimeoutException or ConsulException or System.Text.Json.JsonException)
            {
                if (failures++ == 0)
                {
                    IsStale = true;
                    Log.Unreachable(_logger, Description, error.Message);
                    Signal();
                }

                // After a failure the index may belong to a registry that has since restarted; start afresh.
                index = 0;
                await RetryBackoff.DelayQuietly(RetryBackoff.After(failures), token);
            }
        }
    }

    private void Publish(T value, bool recovered)
    {
        var changed = !Equals(Current, value);
        Current = value;
        _first.TrySetResult(value);
        if (changed || recovered)
        {
            Signal();
        }
    }

    private void Signal()
    {
        var previous = Interlocked.Exchange(ref _changed, new ChangeSignal());
        previous.Next.TrySetResult();
        try
        {
            previous.Token.Cancel();
        }
        catch (AggregateException error)
        {
            // A subscriber's callback failed; the watch itself must keep following the registry.
            Log.SubscriberFailed(_logger, Description, error.InnerException ?? error);
        }

        // Not disposed: a reader may have fetched this signal an instant before the swap and still ask for its Token,
        // which a disposed source refuses. A cancelled source without timers holds nothing to release.
    }

    /// <summary>One change, as a task to await and as a token for change-token consumers; replaced once it fires.</summary>
    private sealed class ChangeSignal
    {
        public TaskCompletionSource Next { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Token { get; } = new();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The registry is unreachable while watching {Watch}; keeping the last known value. {Error}")]
        public static partial void Unreachable(ILogger logger, string watch, string error);

        [LoggerMessage(2, LogLevel.Information, "The registry answers again for {Watch} after {Failures} failed attempts.")]
        public static partial void Recovered(ILogger logger, string watch, int failures);

        [LoggerMessage(3, LogLevel.Error, "A subscriber to {Watch} failed while handling a change.")]
        public static partial void SubscriberFailed(ILogger logger, string watch, Exception error);
    }
}
