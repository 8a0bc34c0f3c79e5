namespace Exam3.Discovery.Checks;

/// <summary>Runs one check: probes on its interval (HTTP, TCP), or waits out its TTL.</summary>
internal sealed class CheckMonitor(string checkId, CheckDefinition definition, CheckResults results, Probes probes, TimeProvider time)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StatusDebouncer _debouncer = new(definition);
    private CancellationTokenSource _ttlReset = new();
    private Task _running = Task.CompletedTask;

    public CheckDefinition Definition => definition;

    public void Start(CancellationToken stoppingToken)
    {
        var token = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stop.Token).Token;
        _running = Task.Run(() => definition.Ttl > TimeSpan.Zero ? WatchTtlAsync(token) : ProbeLoopAsync(token), CancellationToken.None);
    }

    public void Reset()
    {
        // The replaced source is not disposed: the TTL loop may still be linking to it.
        Interlocked.Exchange(ref _ttlReset, new CancellationTokenSource()).Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _stop.Dispose();
        _ttlReset.Dispose();
    }

    private async Task ProbeLoopAsync(CancellationToken token)
    {
        // As Consul does, the first probe waits a random part of the interval, so that checks registered together spread out.
        await DelayAsync(TimeSpan.FromTicks(Random.Shared.NextInt64(definition.Interval.Ticks)), token);
        while (!token.IsCancellationRequested)
        {
            var (status, output) = await probes.RunAsync(definition, token);
            if (_debouncer.Decide(status) is { } decided && !results.Record(checkId, decided, output))
            {
                return;
            }

            await DelayAsync(definition.Interval, token);
        }
    }

    private async Task WatchTtlAsync(CancellationToken token)
    {
        var expired = false;
        while (!token.IsCancellationRequested)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, Volatile.Read(ref _ttlReset).Token);
            try
            {
                // An expired TTL stays critical until the next update resets it.
                await DelayAsync(expired ? Timeout.InfiniteTimeSpan : definition.Ttl, linked.Token);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                expired = false;
                continue;
            }

            if (!results.Expire(checkId))
            {
                return;
            }

            expired = true;
        }
    }

    // Task.Delay takes at most ~49 days; Go durations go up to ~292 years, so long waits are taken in pieces.
    private async Task DelayAsync(TimeSpan delay, CancellationToken token)
    {
        var longest = TimeSpan.FromDays(30);
        if (delay == Timeout.InfiniteTimeSpan)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, token);
            return;
        }

        for (var left = delay; left > TimeSpan.Zero; left -= longest)
        {
            await Task.Delay(left < longest ? left : longest, time, token);
        }
    }
}
