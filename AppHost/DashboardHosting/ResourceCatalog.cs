using Exam3.Dashboard.Resources;
using Exam3.Hosting;
using Exam3.Hosting.ApplicationModel;
using DashboardSnapshot = Exam3.Dashboard.Resources.ResourceSnapshot;
using ReplicaSnapshot = Exam3.Hosting.ApplicationModel.ResourceSnapshot;

namespace Exam3.AppHost.DashboardHosting;

/// <summary>The dashboard's view of the AppHost: its replicas, their console output and their commands.</summary>
internal sealed class ResourceCatalog(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    ResourceCommandService commands,
    ResourceChangeFeed changes) : IResourceCatalog
{
    public long Version => changes.Version;

    public IReadOnlyList<DashboardSnapshot> GetResources() => [.. notifications.Snapshots.Select(ToDashboard)];

    /// <summary>A replica's lines, or all the replicas' of a resource merged in time order; null for an unknown name.</summary>
    public IReadOnlyList<ConsoleLogLine>? GetConsoleLogs(string resourceName)
    {
        var replicas = notifications.Snapshots.Where(replica => replica.Name == resourceName || replica.ResourceName == resourceName).ToList();
        return replicas.Count == 0 ? null : [.. replicas
            .SelectMany(replica => logs.GetLines(replica.Name))
            .OrderBy(line => line.Timestamp)
            .Select(line => new ConsoleLogLine(line.Timestamp, line.Text, line.IsError))];
    }

    public async Task<ResourceCommandResult> ExecuteCommandAsync(string resourceName, string command, CancellationToken cancellationToken)
    {
        try
        {
            await commands.ExecuteCommandAsync(resourceName, command).WaitAsync(cancellationToken);
            return new ResourceCommandResult(true);
        }
        catch (ArgumentException error)
        {
            return new ResourceCommandResult(false, error.Message);
        }
    }

    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken) =>
        changes.WaitForChangeAsync(knownVersion, cancellationToken);

    private DashboardSnapshot ToDashboard(ReplicaSnapshot replica)
    {
        var healthPath = model.Resources.First(resource => resource.Name == replica.ResourceName).HealthCheckPath;
        IReadOnlyList<ResourceHealthReport> health = healthPath is null
            ? []
            : [new ResourceHealthReport($"GET {healthPath}", replica.Health?.ToString() ?? "Unknown", $"2xx from {new Uri(replica.Urls[0], healthPath)}", null)];
        return new DashboardSnapshot(
            replica.Name,
            replica.ResourceName,
            replica.ResourceType,
            replica.IsRestarting ? "Restarting" : replica.State.ToString(),
            replica.State == ResourceState.Running ? replica.Health?.ToString() : null,
            replica.StartedAt,
            replica.ProcessId,
            [.. replica.Urls.Select(url => url.ToString())],
            replica.Restarts,
            replica.Environment,
            health,
            CommandsFor(replica.State));
    }

    private static IReadOnlyList<string> CommandsFor(ResourceState state) => state switch
    {
        ResourceState.Waiting or ResourceState.Starting or ResourceState.Running => [ResourceCommands.Stop, ResourceCommands.Restart],
        ResourceState.Stopping => [],
        _ => [ResourceCommands.Start],
    };
}
