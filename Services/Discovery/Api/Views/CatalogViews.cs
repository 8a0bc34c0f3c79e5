using System.Text.Json.Serialization;

namespace Exam3.Discovery.Api.Views;

/// <summary>One instance as /v1/catalog/service lists it: flat, node fields first, and no health.</summary>
internal sealed record CatalogServiceView(
    [property: JsonPropertyName("ID")] string Id,
    string Node,
    string Address,
    string Datacenter,
    IReadOnlyDictionary<string, string> TaggedAddresses,
    IReadOnlyDictionary<string, string> NodeMeta,
    string ServiceKind,
    [property: JsonPropertyName("ServiceID")] string ServiceId,
    string ServiceName,
    IReadOnlyList<string> ServiceTags,
    string ServiceAddress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, AddressView>? ServiceTaggedAddresses,
    WeightsView ServiceWeights,
    IReadOnlyDictionary<string, string>? ServiceMeta,
    int ServicePort,
    string ServiceSocketPath,
    bool ServiceEnableTagOverride,
    ProxyView ServiceProxy,
    EmptyObject ServiceConnect,
    string PeerName,
    long CreateIndex,
    long ModifyIndex);

/// <summary>One key as GET /v1/kv returns it; Value is base64, null for a key without one.</summary>
internal sealed record KvView(long LockIndex, string Key, ulong Flags, string? Value, long CreateIndex, long ModifyIndex);
