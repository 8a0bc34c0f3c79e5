using System.Collections.Concurrent;

namespace Exam3.Discovery.Checks;

/// <summary>
/// Keeps one running monitor per HTTP, TCP and TTL check: it watches the registry and starts, restarts (when the
/// definition changes) or stops monitors so that they always match what is registered.
/// </summary>
internal sealed class CheckScheduler(ConsulRegistry registry, CheckResults results, Probes probes, TimeProvider time)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, CheckMonitor> _monitors = new(StringComparer.Ordinal);

    /// <summary>A TTL update arrived: the check's TTL starts again.</summary>
    public void ResetTtl(string checkId)
    {
        if (_monitors.TryGetValue(checkId, out var monitor))
        {
            monitor.Reset();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var state = registry.Current;
                Reconcile(state, stoppingToken);
                await registry.ReplacedAsync(state).WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            foreach (var monitor in _monitors.Values)
            {
                await monitor.DisposeAsync();
            }
        }
    }

    private void Reconcile(RegistryState state, CancellationToken stoppingToken)
    {
        foreach (var (checkId, monitor) in _monitors)
        {
            if (!state.Checks.TryGetValue(checkId, out var check) || !ReferenceEquals(check.Definition, monitor.Definition))
            {
                _monitors.TryRemove(checkId, out _);
                _ = monitor.DisposeAsync().AsTask();
            }
        }

        foreach (var check in state.Checks.Values)
        {
            if (check.Definition is { } definition && check.Type is "http" or "tcp" or "ttl" && !_monitors.ContainsKey(check.CheckId))
            {
                var monitor = new CheckMonitor(check.CheckId, definition, results, probes, time);
                _monitors[check.CheckId] = monitor;
                monitor.Start(stoppingToken);
            }
        }
    }
}
