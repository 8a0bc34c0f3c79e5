namespace Exam3.Discovery.Registry;

/// <summary>
/// Everything the registry knows, as one immutable snapshot. A write makes a new snapshot with a higher
/// <see cref="Index"/>; readers and blocking queries work on whichever snapshot they hold, never on a half-done write.
/// </summary>
/// <remarks>
/// The per-table indexes mirror Consul's state store: a blocking query on one service wakes when that service
/// (or one of its checks) changes, not when anything else does.
/// </remarks>
internal sealed partial record RegistryState(
    long Index,
    AgentNode Node,
    ImmutableSortedDictionary<string, RegisteredService> Services,
    ImmutableSortedDictionary<string, RegisteredCheck> Checks,
    ImmutableDictionary<string, long> ServiceNameIndexes,
    long ServicesIndex,
    long ChecksIndex,
    ImmutableSortedDictionary<string, KvEntry> Kv,
    ImmutableSortedDictionary<string, long> KvTombstones,
    ImmutableSortedDictionary<string, RegisteredSession> Sessions,
    long SessionsIndex,
    ImmutableSortedDictionary<string, DateTimeOffset> LockDelays)
{
    /// <summary>The ID and name of the service every Consul server registers for itself.</summary>
    public const string ConsulServiceId = "consul";

    /// <summary>The catalog of a fresh dev agent: the node, its `consul` service and its serfHealth check, at index 1..</summary>
    public static RegistryState Initial(string nodeId, string nodeName, string nodeAddress, string datacenter)
    {
        const long Created = 1;
        var consul = new RegisteredService(
            ConsulServiceId, ConsulServiceId, [], "", 8300,
            ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
            ImmutableSortedDictionary<string, ServiceAddress>.Empty.WithComparers(StringComparer.Ordinal),
            ServiceWeights.Default, false)
        { CreateIndex = Created, ModifyIndex = Created, Internal = true };
        var serfHealth = new RegisteredCheck(
            RegisteredCheck.SerfHealthId, "Serf Health Status", CheckStatus.Passing, "", "Agent alive and reachable", "", "", null)
        { CreateIndex = Created, ModifyIndex = Created, Internal = true };

        return new RegistryState(
            Created,
            new AgentNode(nodeId, nodeName, nodeAddress, datacenter, Created, Created),
            ImmutableSortedDictionary.Create<string, RegisteredService>(StringComparer.Ordinal).Add(consul.Id, consul),
            ImmutableSortedDictionary.Create<string, RegisteredCheck>(StringComparer.Ordinal).Add(serfHealth.CheckId, serfHealth),
            ImmutableDictionary.Create<string, long>(StringComparer.Ordinal).Add(consul.Name, Created),
            Created,
            Created,
            ImmutableSortedDictionary.Create<string, KvEntry>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, RegisteredSession>(StringComparer.Ordinal),
            Created,
            ImmutableSortedDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal));
    }

    /// <summary>The index a query on one service name reports: the last change to any of its instances or their checks.</summary>
    public long IndexOfServiceName(string name) =>
        ServiceNameIndexes.TryGetValue(name, out var index) ? index : Math.Max(ServiceExtinctionIndex, Node.CreateIndex);

    /// <summary>When a service name last lost its last instance: the index Consul reports for a name with none.</summary>
    public long ServiceExtinctionIndex { get; init; }

    public IEnumerable<RegisteredService> InstancesOf(string name) =>
        Services.Values.Where(service => service.Name == name);

    /// <summary>The checks that decide an instance's health: the node's and its own, node checks first as Consul lists them.</summary>
    public IEnumerable<RegisteredCheck> ChecksAffecting(RegisteredService service) =>
        Checks.Values.Where(check => check.ServiceId.Length == 0).Concat(ChecksOf(service.Id));

    public IEnumerable<RegisteredCheck> ChecksOf(string serviceId) =>
        Checks.Values.Where(check => check.ServiceId == serviceId);

    public RegisteredService? ServiceOf(RegisteredCheck check) =>
        check.ServiceId.Length > 0 ? Services.GetValueOrDefault(check.ServiceId) : null;
}
