using System.Globalization;

namespace Exam3.EndToEnd.Tests;

/// <summary>The running replicas of a resource, as the AppHost's notifications describe them.</summary>
internal static class Replicas
{
    /// <summary>
    /// One replica: its name (the ID it registers with) and the process DCP started for it, which is the service itself
    /// (`dotnet exec` of its build output, no `dotnet run` in between).
    /// </summary>
    public sealed record Replica(string Name, int ProcessId);

    /// <summary>The distribution's Operations replicas, once every one of them runs healthy.</summary>
    public static Task<IReadOnlyList<Replica>> HealthyOperationsAsync(this DistributedApplication app, CancellationToken cancellationToken) =>
        HealthyAsync(app, Distribution.Operations, Distribution.ReplicaCount, cancellationToken);

    /// <summary>
    /// The process DCP started for a resource, once it has one: the snapshot's "executable.pid" (Aspire's
    /// KnownProperties.Executable.Pid, which is internal).
    /// </summary>
    public static int? ProcessId(this CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The replicas' names, which are also the IDs they register with.</summary>
    public static List<string> Names(this IEnumerable<Replica> replicas) => [.. replicas.Select(replica => replica.Name)];

    /// <summary>Waits until <paramref name="count"/> replicas of <paramref name="resource"/> run healthy, and returns them.</summary>
    public static async Task<IReadOnlyList<Replica>> HealthyAsync(DistributedApplication app, string resource, int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeouts.Condition);
        var healthy = new Dictionary<string, Replica>();
        try
        {
            await foreach (var notification in app.ResourceNotifications.WatchAsync(deadline.Token))
            {
                if (notification.Resource.Name != resource)
                {
                    continue;
                }

                var snapshot = notification.Snapshot;
                if (snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                    && snapshot.ProcessId() is { } pid)
                {
                    healthy[notification.ResourceId] = new Replica(notification.ResourceId, pid);
                }
                else
                {
                    healthy.Remove(notification.ResourceId);
                }

                if (healthy.Count == count)
                {
                    return [.. healthy.Values.OrderBy(replica => replica.Name, StringComparer.Ordinal)];
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The deadline, not the test run, ended the wait: say what was awaited and what was seen.
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException(
            $"Timed out after {Timeouts.Condition.TotalSeconds:0} s waiting for {count} healthy replicas of {resource}; healthy: {string.Join(", ", healthy.Keys.Order(StringComparer.Ordinal))}.");
    }
}
