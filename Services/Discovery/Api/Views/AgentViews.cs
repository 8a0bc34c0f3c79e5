using System.Text.Json.Serialization;

namespace Exam3.Discovery.Api.Views;

/// <summary>A local service as /v1/agent/services lists it (the name is `Service` here, `Name` in registration).</summary>
[FilterSelectors("Kind", "SocketPath", "Connect.Native", "Proxy.DestinationServiceName", "Proxy.DestinationServiceID", "Proxy.LocalServiceAddress", "Proxy.LocalServicePort", "Proxy.MeshGateway.Mode", "Proxy.TransparentProxy.OutboundListenerPort", "Proxy.Upstreams.Datacenter", "Proxy.Upstreams.DestinationName", "Proxy.Upstreams.DestinationNamespace", "Proxy.Upstreams.DestinationType", "Proxy.Upstreams.LocalBindAddress", "Proxy.Upstreams.LocalBindPort", "Proxy.Upstreams.MeshGateway.Mode")]
internal sealed record AgentServiceView(
    [property: JsonPropertyName("ID")] string Id,
    string Service,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Meta,
    int Port,
    string Address,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, AddressView>? TaggedAddresses,
    WeightsView Weights,
    bool EnableTagOverride,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContentHash,
    string Datacenter);

internal sealed record MemberView(
    string Name,
    string Addr,
    int Port,
    IReadOnlyDictionary<string, string> Tags,
    int Status,
    int ProtocolMin,
    int ProtocolMax,
    int ProtocolCur,
    int DelegateMin,
    int DelegateMax,
    int DelegateCur);

internal sealed record AgentConfigView(
    string Datacenter,
    string PrimaryDatacenter,
    string NodeName,
    [property: JsonPropertyName("NodeID")] string NodeId,
    string Revision,
    bool Server,
    string Version,
    string BuildDate);

internal sealed record CoordinateView(IReadOnlyList<double> Vec, double Error, double Adjustment, double Height);

/// <summary>/v1/agent/self: only Config is a stable contract; the rest is what a dev agent would show.</summary>
internal sealed record AgentSelfView(
    AgentConfigView Config,
    EmptyObject DebugConfig,
    CoordinateView Coord,
    MemberView Member,
    EmptyObject Stats,
    IReadOnlyDictionary<string, string> Meta);

/// <summary>A policy as a token links it: ID and name.</summary>
internal sealed record AclLinkView([property: JsonPropertyName("ID")] string Id, string Name);

/// <summary>An ACL token as /v1/acl/token/self shows it (Consul's structs.ACLToken; empty lists are left out).</summary>
internal sealed record AclTokenView(
    [property: JsonPropertyName("AccessorID")] string AccessorId,
    [property: JsonPropertyName("SecretID")] string SecretId,
    string Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AclLinkView>? Policies,
    bool Local,
    DateTimeOffset CreateTime,
    string Hash,
    long CreateIndex,
    long ModifyIndex);

/// <summary>PUT /v1/session/create's answer.</summary>
internal sealed record SessionCreatedView([property: JsonPropertyName("ID")] string Id);

internal sealed record ServiceCheckView([property: JsonPropertyName("ID")] string Id, string Namespace);

/// <summary>A session as the session endpoints show it (Consul's structs.Session); LockDelay is in nanoseconds.</summary>
internal sealed record SessionView(
    [property: JsonPropertyName("ID")] string Id,
    string Name,
    string Node,
    long LockDelay,
    string Behavior,
    [property: JsonPropertyName("TTL")] string Ttl,
    IReadOnlyList<string> NodeChecks,
    IReadOnlyList<ServiceCheckView>? ServiceChecks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Checks,
    long CreateIndex,
    long ModifyIndex);
