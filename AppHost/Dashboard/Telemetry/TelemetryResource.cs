namespace Exam3.Dashboard.Telemetry;

/// <summary>A process that sends telemetry, identified as OpenTelemetry does by service.name and service.instance.id.</summary>
internal sealed record TelemetryResource(string ServiceName, string? InstanceId, IReadOnlyList<TelemetryAttribute> Attributes)
{
    /// <summary>How pages name it: the service, or one replica of it (operations-abcdefgh).</summary>
    public string Name { get; } = NameOf(ServiceName, InstanceId);

    public bool Matches(string resourceOrService) =>
        string.Equals(Name, resourceOrService, StringComparison.Ordinal) || string.Equals(ServiceName, resourceOrService, StringComparison.Ordinal);

    // Aspire shows a replica as name-<instance>; a GUID instance is cut to 8 hex digits, and an instance
    // that already carries the service name (the AppHost's replica names) is shown as it is.
    private static string NameOf(string serviceName, string? instanceId)
    {
        if (string.IsNullOrEmpty(instanceId) || instanceId == serviceName)
        {
            return serviceName;
        }

        if (instanceId.StartsWith(serviceName + "-", StringComparison.Ordinal))
        {
            return instanceId;
        }

        var suffix = Guid.TryParse(instanceId, out var guid) ? guid.ToString("N")[^8..] : instanceId;
        return $"{serviceName}-{suffix}";
    }
}

/// <summary>An attribute with its value rendered as text, the way pages show it.</summary>
internal sealed record TelemetryAttribute(string Key, string Value);
