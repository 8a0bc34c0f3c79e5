using Exam3.ServiceDefaults.Consul;
using Microsoft.Extensions.Primitives;

namespace Exam3.Dashboard.Registry;

/// <summary>
/// The Registry page's model: the catalog's services, each with every instance and check, followed through the
/// process's shared blocking-query watches. Starts watching on first use, so a dashboard nobody opens costs nothing.
/// </summary>
internal sealed class RegistryView(ConsulWatches watches, ConsulClient client) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _followed = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;
    private bool _started;

    /// <summary>Grows whenever the catalog or any service's instances or checks change.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Completes when <see cref="Version"/> moves past <paramref name="knownVersion"/>.</summary>
    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken)
    {
        EnsureStarted();
        // Read the signal before the version: a change in between moves the version, so none is missed.
        var changed = Volatile.Read(ref _changed);
        return Version != knownVersion ? Task.CompletedTask : changed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Every service by name, as the watches last heard from the registry.</summary>
    public RegistrySnapshot GetSnapshot()
    {
        EnsureStarted();
        var catalog = watches.Catalog;
        var services = (catalog.Current?.Services ?? new Dictionary<string, IReadOnlyList<string>>())
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (Name: pair.Key, Tags: pair.Value, Health: watches.ServiceHealth(pair.Key)))
            .ToList();
        return new RegistrySnapshot(
            client.Address.ToString(),
            Answered: catalog.Current is not null,
            Stale: catalog.IsStale || services.Any(service => service.Health.IsStale),
            [.. services.Select(service => new RegistryService(service.Name, service.Tags, service.Health.Current?.Instances ?? []))]);
    }

    public void Dispose()
    {
        // Disposed outside the lock: disposing waits for a running callback, which may be waiting for the lock.
        List<IDisposable> subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }

        subscriptions.ForEach(subscription => subscription.Dispose());
    }

    private void EnsureStarted()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
            _subscriptions.Add(ChangeToken.OnChange(watches.Catalog.GetChangeToken, OnCatalogChanged));
        }

        OnCatalogChanged();
    }

    // A new service name gets its own watch; names that leave the catalog keep theirs, which then report no instances.
    private void OnCatalogChanged()
    {
        foreach (var name in watches.Catalog.Current?.Services.Keys ?? [])
        {
            lock (_gate)
            {
                if (_followed.Add(name))
                {
                    _subscriptions.Add(ChangeToken.OnChange(watches.ServiceHealth(name).GetChangeToken, Changed));
                }
            }
        }

        Changed();
    }

    private void Changed()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

/// <summary>The Registry page's JSON: where the registry is, whether it has answered, and whether it is out of reach now.</summary>
internal sealed record RegistrySnapshot(string Address, bool Answered, bool Stale, IReadOnlyList<RegistryService> Services);

/// <summary>A service with its catalog tags and every instance with its checks.</summary>
internal sealed record RegistryService(string Name, IReadOnlyList<string> Tags, IReadOnlyList<InstanceHealth> Instances);
