namespace Exam3.Hosting.ApplicationModel;

/// <summary>
/// One replica as it is now: an immutable value published on every change, for the dashboard, the summary and tests.
/// </summary>
public sealed record ResourceSnapshot
{
    /// <summary>The replica name (operations-abcdefgh), or the resource name when it has a single replica.</summary>
    public required string Name { get; init; }

    /// <summary>The model resource it belongs to (operations).</summary>
    public required string ResourceName { get; init; }

    public required string ResourceType { get; init; }

    public required string Source { get; init; }

    public ResourceState State { get; init; } = ResourceState.NotStarted;

    /// <summary>Null unless running; Healthy at once for a resource without a health check.</summary>
    public HealthStatus? Health { get; init; }

    public int? ProcessId { get; init; }

    public required IReadOnlyList<Uri> Urls { get; init; }

    /// <summary>How many times the supervisor restarted it after a crash.</summary>
    public int Restarts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>Why it is not running, in words, when the AppHost knows.</summary>
    public string? Error { get; init; }

    /// <summary>The environment the process was started with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The resources it waits for.</summary>
    public required IReadOnlyList<string> WaitsFor { get; init; }

    public bool IsHealthy => State == ResourceState.Running && Health == HealthStatus.Healthy;

    /// <summary>States after which nothing happens unless someone starts the replica again.</summary>
    public bool IsTerminal => State is ResourceState.FailedToStart || (State is ResourceState.Exited && !IsRestarting);

    /// <summary>True between a crash and the supervisor's restart.</summary>
    public bool IsRestarting { get; init; }

    /// <summary>The state as the summary and the dashboard print it: "Running (Healthy)", "Exited (137), restarting".</summary>
    public string StateText => State switch
    {
        ResourceState.Running when Health is { } health => $"Running ({health})",
        ResourceState.Exited when IsRestarting => $"Exited ({ExitCode}), restarting",
        ResourceState.Exited when ExitCode is { } code => $"Exited ({code})",
        _ => State.ToString(),
    };
}
