namespace Exam3.Discovery.Checks;

/// <summary>
/// Removes instances whose check has been critical for longer than its DeregisterCriticalServiceAfter, checking
/// every ReapInterval as Consul's reaper does (so removal comes between the limit and the limit plus one interval).
/// </summary>
internal sealed class CriticalReaper(ConsulRegistry registry, IOptions<DiscoveryOptions> options, TimeProvider time, ILogger<ConsulRegistry> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReapInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Reap();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public void Reap()
    {
        var minimum = options.Value.DeregisterCriticalServiceAfterMinimum;
        foreach (var id in registry.Current.ServicesCriticalTooLong(time.GetUtcNow(), minimum).ToList())
        {
            var name = registry.Current.Services.GetValueOrDefault(id)?.Name ?? "";
            var change = registry.Apply(state =>
                state.ServicesCriticalTooLong(time.GetUtcNow(), minimum).Contains(id) ? state.DeregisterService(id) : new Change(state));
            if (change.Error is null && !change.State.Services.ContainsKey(id))
            {
                logger.Reaped(name, id);
            }
        }
    }
}
