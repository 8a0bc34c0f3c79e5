using System.Text.Json.Serialization;

namespace Exam3.Discovery.Json;

/// <summary>The body of PUT /v1/catalog/register (Consul's structs.RegisterRequest).</summary>
internal sealed class RegisterRequestJson
{
    public string? Datacenter { get; set; }
    [JsonPropertyName("ID")] public string? Id { get; set; }
    public string? Node { get; set; }
    public string? Address { get; set; }
    public Dictionary<string, string>? TaggedAddresses { get; set; }
    public Dictionary<string, string>? NodeMeta { get; set; }
    public NodeServiceJson? Service { get; set; }
    public HealthCheckJson? Check { get; set; }
    public List<HealthCheckJson?>? Checks { get; set; }
    public JsonElement? Locality { get; set; }
    public bool SkipNodeUpdate { get; set; }
    public string? PeerName { get; set; }
    public string? Namespace { get; set; }
    public string? Partition { get; set; }
    public string? Token { get; set; }
    public long CreateIndex { get; set; }
    public long ModifyIndex { get; set; }
}

/// <summary>A service as the catalog takes it (Consul's structs.NodeService): the name is `Service` here.</summary>
internal sealed class NodeServiceJson
{
    public string? Kind { get; set; }
    [JsonPropertyName("ID")] public string? Id { get; set; }
    public string? Service { get; set; }
    public List<string>? Tags { get; set; }
    public string? Address { get; set; }
    public Dictionary<string, ServiceAddressJson>? TaggedAddresses { get; set; }
    public Dictionary<string, string>? Meta { get; set; }
    public int Port { get; set; }
    public string? SocketPath { get; set; }
    public WeightsJson? Weights { get; set; }
    public bool EnableTagOverride { get; set; }
    public JsonElement? Proxy { get; set; }
    public JsonElement? Connect { get; set; }
    public JsonElement? Locality { get; set; }
    public string? PeerName { get; set; }
    public string? Namespace { get; set; }
    public string? Partition { get; set; }
    public long CreateIndex { get; set; }
    public long ModifyIndex { get; set; }
}

/// <summary>A check as the catalog takes it (Consul's structs.HealthCheck): a record of a status, which nothing runs.</summary>
internal sealed class HealthCheckJson
{
    public string? Node { get; set; }
    [JsonPropertyName("CheckID")] public string? CheckId { get; set; }
    public string? Name { get; set; }
    public string? Status { get; set; }
    public string? Notes { get; set; }
    public string? Output { get; set; }
    [JsonPropertyName("ServiceID")] public string? ServiceId { get; set; }
    public string? ServiceName { get; set; }
    public List<string>? ServiceTags { get; set; }
    public string? Type { get; set; }
    public string? Interval { get; set; }
    public string? Timeout { get; set; }
    public int ExposedPort { get; set; }
    public string? PeerName { get; set; }
    public JsonElement? Definition { get; set; }
    public string? Namespace { get; set; }
    public string? Partition { get; set; }
    public long CreateIndex { get; set; }
    public long ModifyIndex { get; set; }
}

/// <summary>The body of PUT /v1/catalog/deregister (Consul's structs.DeregisterRequest; `Address` is obsolete but allowed).</summary>
internal sealed class DeregisterRequestJson
{
    public string? Datacenter { get; set; }
    public string? Node { get; set; }
    [JsonPropertyName("ServiceID")] public string? ServiceId { get; set; }
    [JsonPropertyName("CheckID")] public string? CheckId { get; set; }
    public string? PeerName { get; set; }
    public string? Address { get; set; }
    public string? Namespace { get; set; }
    public string? Partition { get; set; }
    public string? Token { get; set; }
}
