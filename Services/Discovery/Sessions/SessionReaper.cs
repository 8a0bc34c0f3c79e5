namespace Exam3.Discovery.Sessions;

/// <summary>
/// Ends sessions as Consul's leader does: when a TTL runs out without a renewal (session_ttl.go) and when a check a
/// session is bound to turns critical or goes away (the state store's session invalidation). It wakes on every registry
/// change and at the next TTL deadline, by <see cref="TimeProvider"/>, so tests can move time instead of waiting.
/// </summary>
internal sealed class SessionReaper(ConsulRegistry registry, TimeProvider time, ILogger<ConsulRegistry> logger) : BackgroundService
{
    // Far more than arming a timer takes on a real clock, far less than any TTL: a clock that moved by more meanwhile jumped.
    private static readonly TimeSpan ArmingTolerance = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var state = Reap();
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var changed = registry.ReplacedAsync(state);
                var due = state.NextSessionExpiry is { } expiry ? DelayUntil(expiry, wake.Token) : Task.Delay(Timeout.Infinite, wake.Token);
                await Task.WhenAny(changed, due).WaitAsync(stoppingToken);
                await wake.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Destroys every session due to end now in the state it reads first, and returns that state: a write that lands
    /// meanwhile (a check turning critical) has replaced it, so the caller's wait for a change ends at once and looks
    /// again, instead of waiting past a change it never examined.
    /// </summary>
    private RegistryState Reap()
    {
        var now = time.GetUtcNow();
        var examined = registry.Current;
        foreach (var session in examined.SessionsToInvalidate(now).ToList())
        {
            var change = registry.Apply(state =>
                state.SessionsToInvalidate(now).Any(due => due.Id == session.Id) ? state.DestroySession(session.Id, now) : new Change(state));
            if (!change.State.Sessions.ContainsKey(session.Id))
            {
                logger.SessionDestroyed(session.Id, session.ExpiresAt <= now ? "TTL expired" : "a check it is bound to is critical or gone");
            }
        }

        return examined;
    }

    /// <summary>
    /// Ends at <paramref name="deadline"/> by <see cref="TimeProvider"/>. A timer counts from the clock as it stands
    /// when the timer is made, not from the reading the delay was computed from: a clock that jumped in between (a
    /// test's FakeTimeProvider moved forward while this loop re-arms after a write) would push the wake-up past the
    /// deadline for good. The timer is made again until the clock stood still while it was made; the timers given up
    /// end with <paramref name="cancellationToken"/>.
    /// </summary>
    private Task DelayUntil(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var before = time.GetUtcNow();
            var delay = Task.Delay(Max(deadline - before, TimeSpan.Zero), time, cancellationToken);
            if (time.GetUtcNow() - before < ArmingTolerance)
            {
                return delay;
            }
        }
    }

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;
}
