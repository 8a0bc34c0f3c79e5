namespace Exam3.Dashboard.Resources;

/// <summary>
/// What the dashboard needs from the AppHost to show the Resources and Console logs pages and run their
/// commands; the AppHost registers its implementation as a singleton. Without one, those pages say so.
/// </summary>
public interface IResourceCatalog
{
    /// <summary>Grows whenever a resource or its console output changes.</summary>
    long Version { get; }

    /// <summary>Every resource and replica as it is now.</summary>
    IReadOnlyList<ResourceSnapshot> GetResources();

    /// <summary>The latest console lines of one resource or replica, oldest first; null when neither is named so.</summary>
    IReadOnlyList<ConsoleLogLine>? GetConsoleLogs(string resourceName);

    /// <summary>Runs start, stop or restart (see <see cref="ResourceCommands"/>) on a resource or replica.</summary>
    Task<ResourceCommandResult> ExecuteCommandAsync(string resourceName, string command, CancellationToken cancellationToken);

    /// <summary>Completes when <see cref="Version"/> moves past <paramref name="knownVersion"/>.</summary>
    Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken);
}

/// <summary>One resource or replica: the Resources page's row and details view.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Resource,
    string Type,
    string State,
    string? Health,
    DateTimeOffset? StartTime,
    int? ProcessId,
    IReadOnlyList<string> Urls,
    int Restarts,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<ResourceHealthReport> HealthReports,
    IReadOnlyList<string> Commands);

/// <summary>One health check's last result, as the details view lists it.</summary>
public sealed record ResourceHealthReport(string Name, string Status, string? Description, DateTimeOffset? LastRun);

/// <summary>A line a resource wrote to stdout or stderr.</summary>
public sealed record ConsoleLogLine(DateTimeOffset Time, string Text, bool IsError);

/// <summary>Whether a command ran, and why not when it did not.</summary>
public sealed record ResourceCommandResult(bool Succeeded, string? Error = null);

/// <summary>The command names Aspire uses (KnownResourceCommands).</summary>
public static class ResourceCommands
{
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Restart = "restart";
}
