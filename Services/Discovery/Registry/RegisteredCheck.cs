namespace Exam3.Discovery.Registry;

/// <summary>One health check of the node or of a service instance.</summary>
internal sealed record RegisteredCheck(
    string CheckId,
    string Name,
    string Status,
    string Notes,
    string Output,
    string ServiceId,
    string Type,
    CheckDefinition? Definition)
{
    /// <summary>The agent's own serf check: a dev agent is always alive and reachable.</summary>
    public const string SerfHealthId = "serfHealth";

    /// <summary>The check Consul adds while a service is in maintenance mode.</summary>
    public const string MaintenancePrefix = "_service_maintenance:";

    /// <summary>The check Consul adds while the whole node is in maintenance mode.</summary>
    public const string NodeMaintenanceId = "_node_maintenance";

    /// <summary>The type Consul gives both maintenance checks.</summary>
    public const string MaintenanceType = "maintenance";

    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }

    /// <summary>Since when the check has been critical, for DeregisterCriticalServiceAfter; null when it is not critical.</summary>
    public DateTimeOffset? CriticalSince { get; init; }

    /// <summary>Catalog-only entries (serfHealth, checks written through /v1/catalog/register) that the agent endpoints do not list.</summary>
    public bool Internal { get; init; }

    public string Interval => Definition is null ? "" : GoDuration.Format(Definition.Interval);

    public string Timeout => Definition is null ? "" : GoDuration.Format(Definition.Timeout);

    /// <summary>Whether a re-registration changes what a reader sees; if not, the check keeps its indexes.</summary>
    public bool SameVisibleFieldsAs(RegisteredCheck other) =>
        CheckId == other.CheckId
        && Name == other.Name
        && Status == other.Status
        && Notes == other.Notes
        && Output == other.Output
        && ServiceId == other.ServiceId
        && Type == other.Type
        && Interval == other.Interval
        && Timeout == other.Timeout;
}
