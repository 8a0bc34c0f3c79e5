namespace Exam3.Hosting.ApplicationModel;

/// <summary>The lifecycle of one replica, named as Aspire's KnownResourceStates.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Stopping,
    Exited,
    FailedToStart,
}

/// <summary>What the replica's health check last said; only meaningful while it is running.</summary>
public enum HealthStatus
{
    Unhealthy,
    Healthy,
}
