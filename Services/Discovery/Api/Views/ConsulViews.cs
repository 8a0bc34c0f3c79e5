namespace Exam3.Discovery.Api.Views;

/// <summary>Builds the response shapes from a registry snapshot.</summary>
internal static class ConsulViews
{
    /// <summary>The Consul release whose API shapes this registry reproduces; clients that read the version see it.</summary>
    public const string ConsulVersion = "1.21.3";

    public static NodeView NodeView(this RegistryState state) =>
        new(state.Node.Id, state.Node.Name, state.Node.Address, state.Node.Datacenter,
            NodeTaggedAddresses(state.Node), NodeMeta, state.Node.CreateIndex, state.Node.ModifyIndex);

    public static ImmutableSortedDictionary<string, string> NodeMeta { get; } = ImmutableSortedDictionary.CreateRange(
        StringComparer.Ordinal,
        [KeyValuePair.Create("consul-network-segment", ""), KeyValuePair.Create("consul-version", ConsulVersion)]);

    public static HealthCheckView CheckView(this RegistryState state, RegisteredCheck check)
    {
        var service = state.ServiceOf(check);
        return new HealthCheckView(
            state.Node.Name, check.CheckId, check.Name, check.Status, check.Notes, check.Output,
            check.ServiceId, service?.Name ?? "", service is null ? [] : service.Tags,
            check.Type, check.Interval, check.Timeout, 0, EmptyObject.Instance, check.CreateIndex, check.ModifyIndex);
    }

    public static ServiceEntryView EntryView(this RegistryState state, RegisteredService service) =>
        new(state.NodeView(), state.NodeServiceView(service), [.. state.ChecksAffecting(service).Select(check => state.CheckView(check))]);

    /// <summary>An instance as Consul's structs.NodeService writes it: inside a health entry and in /v1/catalog/node.</summary>
    public static HealthServiceView NodeServiceView(this RegistryState state, RegisteredService service) =>
        new(service.Id, service.Name, service.Tags, service.Address, TaggedAddressesOf(service), service.Meta.IsEmpty ? null : service.Meta,
            service.Port, WeightsOf(service), service.EnableTagOverride, ProxyView.Default, EmptyObject.Instance, "",
            service.CreateIndex, service.ModifyIndex);

    public static AgentServiceView AgentServiceView(this RegistryState state, RegisteredService service, string? contentHash = null) =>
        new(service.Id, service.Name, service.Tags, service.Meta, service.Port, service.Address, TaggedAddressesOf(service),
            WeightsOf(service), service.EnableTagOverride, contentHash, state.Node.Datacenter);

    public static CatalogServiceView CatalogServiceView(this RegistryState state, RegisteredService service) =>
        new(state.Node.Id, state.Node.Name, state.Node.Address, state.Node.Datacenter, NodeTaggedAddresses(state.Node), NodeMeta,
            "", service.Id, service.Name, service.Tags, service.Address, TaggedAddressesOf(service), WeightsOf(service),
            service.Meta.IsEmpty ? null : service.Meta, service.Port, "", service.EnableTagOverride, ProxyView.Default,
            EmptyObject.Instance, "", service.CreateIndex, service.ModifyIndex);

    public static KvView KvView(KvEntry entry) =>
        new(entry.LockIndex, entry.Key, entry.Flags, entry.Value.IsDefault ? null : Convert.ToBase64String(entry.Value.AsSpan()),
            entry.Session.Length > 0 ? entry.Session : null, entry.CreateIndex, entry.ModifyIndex);

    public static SessionView SessionView(RegisteredSession session) =>
        new(session.Id, session.Name, session.Node, session.LockDelay.Ticks * 100, session.Behavior, session.Ttl,
            session.NodeChecks, session.ServiceChecks.IsEmpty ? null : [.. session.ServiceChecks.Select(id => new ServiceCheckView(id, ""))],
            session.Checks.IsEmpty ? null : session.Checks, session.CreateIndex, session.ModifyIndex);

    private static ImmutableSortedDictionary<string, string> NodeTaggedAddresses(AgentNode node) =>
        ImmutableSortedDictionary.CreateRange(
            StringComparer.Ordinal,
            ((string[])["lan", "lan_ipv4", "wan", "wan_ipv4"]).Select(name => KeyValuePair.Create(name, node.Address)));

    private static ImmutableSortedDictionary<string, AddressView>? TaggedAddressesOf(RegisteredService service) =>
        service.TaggedAddresses.IsEmpty
            ? null
            : service.TaggedAddresses.ToImmutableSortedDictionary(pair => pair.Key, pair => new AddressView(pair.Value.Address, pair.Value.Port), StringComparer.Ordinal);

    private static WeightsView WeightsOf(RegisteredService service) => new(service.Weights.Passing, service.Weights.Warning);
}
