using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// One blocking-query watch per thing watched, shared by everyone in the process who asks: service discovery,
/// the gateway's routes and the dashboard all follow the registry through the same few queries.
/// </summary>
public sealed class ConsulWatches(ConsulClient client, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<BlockingQueryWatch<HealthyInstances>>> _health = new(StringComparer.Ordinal);
    private readonly Lazy<BlockingQueryWatch<CatalogServices>> _catalog = new(() =>
        new BlockingQueryWatch<CatalogServices>("the catalog of services", client.GetCatalogServicesAsync, loggerFactory.CreateLogger<ConsulWatches>()).Start());

    /// <summary>The passing instances of <paramref name="service"/>, kept current; started on first use.</summary>
    public BlockingQueryWatch<HealthyInstances> HealthyInstances(string service) =>
        _health.GetOrAdd(service, name => new Lazy<BlockingQueryWatch<HealthyInstances>>(() =>
            new BlockingQueryWatch<HealthyInstances>(
                $"the healthy instances of {name}",
                (index, token) => client.GetHealthyInstancesAsync(name, index, token),
                loggerFactory.CreateLogger<ConsulWatches>()).Start())).Value;

    /// <summary>Every service in the catalog with its tags, kept current; started on first use.</summary>
    public BlockingQueryWatch<CatalogServices> Catalog => _catalog.Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var watch in _health.Values.Where(lazy => lazy.IsValueCreated))
        {
            await watch.Value.DisposeAsync();
        }

        if (_catalog.IsValueCreated)
        {
            await _catalog.Value.DisposeAsync();
        }
    }
}
