using System.Collections.Concurrent;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// One blocking-query watch per thing watched, shared by everyone in the process who asks: service discovery,
/// the gateway's routes and the dashboard all follow the registry through the same few queries.
/// </summary>
public sealed class ConsulWatches(ConsulClient client, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<BlockingQueryWatch<HealthyInstances>>> _health = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<BlockingQueryWatch<ServiceHealth>>> _serviceHealth = new(StringComparer.Ordinal);
    private readonly Lazy<BlockingQueryWatch<CatalogServices>> _catalog = new(() =>
        new BlockingQueryWatch<CatalogServices>("the catalog of services", client.GetCatalogServicesAsync, loggerFactory.CreateLogger<ConsulWatches>()).Start());

    /// <summary>The passing instances of <paramref name="service"/>, kept current; started on first use.</summary>
    public BlockingQueryWatch<HealthyInstances> HealthyInstances(string service) =>
        Shared(_health, service, $"the healthy instances of {service}", client.GetHealthyInstancesAsync);

    /// <summary>Every instance of <paramref name="service"/> with its checks, whatever their status, kept current; started on first use.</summary>
    public BlockingQueryWatch<ServiceHealth> ServiceHealth(string service) =>
        Shared(_serviceHealth, service, $"the instances and checks of {service}", client.GetServiceHealthAsync);

    /// <summary>Every service in the catalog with its tags, kept current; started on first use.</summary>
    public BlockingQueryWatch<CatalogServices> Catalog => _catalog.Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var watch in _health.Values.Where(lazy => lazy.IsValueCreated))
        {
            await watch.Value.DisposeAsync();
        }

        foreach (var watch in _serviceHealth.Values.Where(lazy => lazy.IsValueCreated))
        {
            await watch.Value.DisposeAsync();
        }

        if (_catalog.IsValueCreated)
        {
            await _catalog.Value.DisposeAsync();
        }
    }

    private BlockingQueryWatch<T> Shared<T>(
        ConcurrentDictionary<string, Lazy<BlockingQueryWatch<T>>> watches,
        string service,
        string description,
        Func<string, ulong, CancellationToken, Task<ConsulResponse<T>>> query) where T : class =>
        watches.GetOrAdd(service, name => new Lazy<BlockingQueryWatch<T>>(() =>
            new BlockingQueryWatch<T>(
                description,
                (index, token) => query(name, index, token),
                loggerFactory.CreateLogger<ConsulWatches>()).Start())).Value;
}
