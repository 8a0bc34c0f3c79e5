using System.Text.Json.Serialization;

namespace Exam3.Discovery.Api.Views;

/// <summary>One instance as /v1/catalog/service lists it: flat, node fields first, and no health.</summary>
[FilterSelectors("ServiceConnect.Native")]
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

/// <summary>One key as GET /v1/kv returns it; Value is base64, null for a key without one; Session only while locked.</summary>
internal sealed record KvView(
    long LockIndex,
    string Key,
    ulong Flags,
    string? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Session,
    long CreateIndex,
    long ModifyIndex);

/// <summary>/v1/catalog/node/:node: the node and its services by ID.</summary>
internal sealed record CatalogNodeView(NodeView Node, IReadOnlyDictionary<string, HealthServiceView> Services);

internal sealed record TxnResultView([property: JsonPropertyName("KV")] KvView Kv);

internal sealed record TxnErrorView(int OpIndex, string What);

/// <summary>PUT /v1/txn's answer (Consul's structs.TxnResponse): Results on success, Errors on failure, the other null.</summary>
internal sealed record TxnResponseView(IReadOnlyList<TxnResultView>? Results, IReadOnlyList<TxnErrorView>? Errors);

/// <summary>The answer to a transaction of reads only (structs.TxnReadResponse): the same, with the query metadata inlined.</summary>
internal sealed record TxnReadResponseView(
    IReadOnlyList<TxnResultView>? Results,
    IReadOnlyList<TxnErrorView>? Errors,
    long Index,
    long LastContact,
    bool KnownLeader,
    string ConsistencyLevel,
    bool NotModified,
    int Backend,
    [property: JsonPropertyName("ResultsFilteredByACLs")] bool ResultsFilteredByAcls);
