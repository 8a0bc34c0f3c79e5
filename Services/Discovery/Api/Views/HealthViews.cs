using System.Text.Json.Serialization;

namespace Exam3.Discovery.Api.Views;

/// <summary>Serialises as `{}`: the empty objects Consul always writes (Definition, Connect, MeshGateway, Expose).</summary>
internal sealed record EmptyObject
{
    public static readonly EmptyObject Instance = new();
}

[FilterSelectors("DestinationServiceName", "DestinationServiceID", "LocalServiceAddress", "LocalServicePort", "MeshGateway.Mode", "TransparentProxy.OutboundListenerPort", "Upstreams.Datacenter", "Upstreams.DestinationName", "Upstreams.DestinationNamespace", "Upstreams.DestinationType", "Upstreams.LocalBindAddress", "Upstreams.LocalBindPort", "Upstreams.MeshGateway.Mode")]
internal sealed record ProxyView(string Mode, EmptyObject MeshGateway, EmptyObject Expose)
{
    public static readonly ProxyView Default = new("", EmptyObject.Instance, EmptyObject.Instance);
}

internal sealed record AddressView(string Address, int Port);

internal sealed record WeightsView(int Passing, int Warning);

/// <summary>A node as /v1/health/service and /v1/catalog/nodes show it.</summary>
[FilterSelectors("PeerName")]
internal sealed record NodeView(
    [property: JsonPropertyName("ID")] string Id,
    string Node,
    string Address,
    string Datacenter,
    IReadOnlyDictionary<string, string> TaggedAddresses,
    IReadOnlyDictionary<string, string> Meta,
    long CreateIndex,
    long ModifyIndex);

/// <summary>A service instance inside a /v1/health/service entry (and the services of /v1/catalog/node).</summary>
[FilterSelectors("Kind", "SocketPath", "Connect.Native")]
internal sealed record HealthServiceView(
    [property: JsonPropertyName("ID")] string Id,
    string Service,
    IReadOnlyList<string> Tags,
    string Address,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, AddressView>? TaggedAddresses,
    IReadOnlyDictionary<string, string>? Meta,
    int Port,
    WeightsView Weights,
    bool EnableTagOverride,
    ProxyView Proxy,
    EmptyObject Connect,
    string PeerName,
    long CreateIndex,
    long ModifyIndex);

/// <summary>A health check as every health and agent endpoint shows it.</summary>
[FilterSelectors("PeerName")]
internal sealed record HealthCheckView(
    string Node,
    [property: JsonPropertyName("CheckID")] string CheckId,
    string Name,
    string Status,
    string Notes,
    string Output,
    [property: JsonPropertyName("ServiceID")] string ServiceId,
    string ServiceName,
    IReadOnlyList<string> ServiceTags,
    string Type,
    string Interval,
    string Timeout,
    int ExposedPort,
    EmptyObject Definition,
    long CreateIndex,
    long ModifyIndex);

/// <summary>One entry of /v1/health/service: the node, the instance and every check that decides its health.</summary>
internal sealed record ServiceEntryView(NodeView Node, HealthServiceView Service, IReadOnlyList<HealthCheckView> Checks);
