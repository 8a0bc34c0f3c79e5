using System.Text.Json.Serialization;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>The body of PUT /v1/agent/service/register, in Consul's field names.</summary>
public sealed record ServiceRegistration
{
    public required string Name { get; init; }

    [JsonPropertyName("ID")]
    public required string Id { get; init; }

    public required string Address { get; init; }

    public required int Port { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    public ServiceCheck? Check { get; init; }
}

/// <summary>An HTTP check inside a registration; durations in Go's notation ("5s", "1m").</summary>
public sealed record ServiceCheck
{
    [JsonPropertyName("HTTP")]
    public required string Http { get; init; }

    public required string Interval { get; init; }

    public required string Timeout { get; init; }

    public string? DeregisterCriticalServiceAfter { get; init; }

    public string? Status { get; init; }
}

/// <summary>One instance of a service as the registry lists it: where it listens and how it is tagged.</summary>
public sealed record RegisteredInstance(
    string Id,
    string Service,
    string Node,
    string Address,
    int Port,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Meta)
{
    public bool Equals(RegisteredInstance? other) =>
        other is not null
        && Id == other.Id && Service == other.Service && Node == other.Node && Address == other.Address && Port == other.Port
        && Tags.SequenceEqual(other.Tags)
        && Meta.Count == other.Meta.Count && Meta.All(pair => other.Meta.TryGetValue(pair.Key, out var value) && value == pair.Value);

    public override int GetHashCode() => HashCode.Combine(Id, Service, Address, Port);
}

/// <summary>The instances of one service whose checks all pass, in a stable order (node, then ID).</summary>
public sealed record HealthyInstances(string Service, IReadOnlyList<RegisteredInstance> Instances)
{
    public bool Equals(HealthyInstances? other) =>
        other is not null && Service == other.Service && Instances.SequenceEqual(other.Instances);

    public override int GetHashCode() => HashCode.Combine(Service, Instances.Count);
}

/// <summary>One check of an instance or of its node, with the status and output the registry last recorded.</summary>
public sealed record InstanceCheck(string CheckId, string Name, string Status, string Output);

/// <summary>An instance with every check that decides its health, whatever their status.</summary>
public sealed record InstanceHealth(RegisteredInstance Instance, IReadOnlyList<InstanceCheck> Checks)
{
    public bool Equals(InstanceHealth? other) =>
        other is not null && Instance.Equals(other.Instance) && Checks.SequenceEqual(other.Checks);

    public override int GetHashCode() => HashCode.Combine(Instance, Checks.Count);
}

/// <summary>Every instance of one service, passing or not, with its checks, in a stable order (node, then ID).</summary>
public sealed record ServiceHealth(string Service, IReadOnlyList<InstanceHealth> Instances)
{
    public bool Equals(ServiceHealth? other) =>
        other is not null && Service == other.Service && Instances.SequenceEqual(other.Instances);

    public override int GetHashCode() => HashCode.Combine(Service, Instances.Count);
}

/// <summary>Every service name in the catalog with the union of its instances' tags.</summary>
public sealed record CatalogServices(IReadOnlyDictionary<string, IReadOnlyList<string>> Services)
{
    public bool Equals(CatalogServices? other) =>
        other is not null
        && Services.Count == other.Services.Count
        && Services.All(pair => other.Services.TryGetValue(pair.Key, out var tags) && tags.SequenceEqual(pair.Value));

    public override int GetHashCode() => Services.Count;
}

/// <summary>A response to a blocking query: the value and the X-Consul-Index to wait on next.</summary>
public sealed record ConsulResponse<T>(T Value, ulong Index);
