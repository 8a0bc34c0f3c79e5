using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting;

/// <summary>
/// The live state of every replica: the latest snapshots, a stream of changes, and waits on a condition (Aspire's
/// ResourceNotificationService). A name means a whole resource (all its replicas) or one replica.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly ResourceChangeFeed _changes;
    private readonly Lock _lock = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly List<Channel<ResourceSnapshot>> _watchers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ResourceNotificationService(ResourceChangeFeed changes) => _changes = changes;

    /// <summary>Every replica's latest snapshot, in declaration order.</summary>
    public IReadOnlyList<ResourceSnapshot> Snapshots
    {
        get
        {
            lock (_lock)
            {
                return [.. _order.Select(name => _snapshots[name])];
            }
        }
    }

    /// <summary>The replicas <paramref name="name"/> designates: all of a resource, or the one replica of that name.</summary>
    public IReadOnlyList<ResourceSnapshot> Find(string name)
    {
        var matches = Snapshots.Where(snapshot => snapshot.ResourceName == name || snapshot.Name == name).ToList();
        return matches.Count > 0
            ? matches
            : throw new ArgumentException($"No resource or replica is named '{name}'. Known: {string.Join(", ", _order)}.", nameof(name));
    }

    /// <summary>The current snapshots, then every change as it happens, until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var name in _order)
            {
                channel.Writer.TryWrite(_snapshots[name]);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>Completes when the replicas named <paramref name="name"/> satisfy <paramref name="condition"/>.</summary>
    public Task<IReadOnlyList<ResourceSnapshot>> WaitForResourceAsync(
        string name,
        Func<IReadOnlyList<ResourceSnapshot>, bool> condition,
        CancellationToken cancellationToken = default)
    {
        Find(name);
        return WaitAsync(() => Find(name), condition, cancellationToken);
    }

    /// <summary>Completes when all the replicas of the distribution satisfy <paramref name="condition"/>.</summary>
    public Task<IReadOnlyList<ResourceSnapshot>> WaitForAllAsync(
        Func<IReadOnlyList<ResourceSnapshot>, bool> condition,
        CancellationToken cancellationToken = default) =>
        WaitAsync(() => Snapshots, condition, cancellationToken);

    /// <summary>Completes when every replica named <paramref name="name"/> is in <paramref name="state"/>.</summary>
    public Task<IReadOnlyList<ResourceSnapshot>> WaitForResourceAsync(
        string name,
        ResourceState state,
        CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, replicas => replicas.All(replica => replica.State == state), cancellationToken);

    /// <summary>
    /// Completes when every replica named <paramref name="name"/> runs and passes its health check; throws if one failed to start,
    /// since it never will.
    /// </summary>
    public Task<IReadOnlyList<ResourceSnapshot>> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(
            name,
            replicas =>
            {
                var failed = replicas.FirstOrDefault(replica => replica.State == ResourceState.FailedToStart);
                return failed is null
                    ? replicas.All(replica => replica.IsHealthy)
                    : throw new DistributedApplicationException($"'{failed.Name}' failed to start: {failed.Error}");
            },
            cancellationToken);

    private async Task<IReadOnlyList<ResourceSnapshot>> WaitAsync(
        Func<IReadOnlyList<ResourceSnapshot>> select,
        Func<IReadOnlyList<ResourceSnapshot>, bool> condition,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            var replicas = select();
            if (condition(replicas))
            {
                return replicas;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    internal void Publish(ResourceSnapshot snapshot)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (!_snapshots.ContainsKey(snapshot.Name))
            {
                _order.Add(snapshot.Name);
            }

            _snapshots[snapshot.Name] = snapshot;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(snapshot);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
        _changes.Advance();
    }
}
