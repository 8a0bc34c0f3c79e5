using System.Text.Json.Serialization;

namespace Exam3.Discovery.Json;

/// <summary>
/// The body of PUT /v1/session/create (Consul's structs.Session). Its custom UnmarshalJSON decodes without
/// DisallowUnknownFields, so, unlike a registration, a session body may carry fields Consul does not know.
/// </summary>
[IgnoresUnknownFields]
internal sealed class SessionBodyJson
{
    [JsonPropertyName("ID")] public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Node { get; set; }

    /// <summary>A Go duration string or nanoseconds; either below 1000ns is taken as seconds (Consul's lockDelayMinThreshold).</summary>
    public JsonElement? LockDelay { get; set; }

    public string? Behavior { get; set; }
    [JsonPropertyName("TTL")] public string? Ttl { get; set; }
    public List<string>? Checks { get; set; }
    public List<string>? NodeChecks { get; set; }
    public List<ServiceCheckJson>? ServiceChecks { get; set; }
    public string? Namespace { get; set; }
    public string? Partition { get; set; }
}

internal sealed class ServiceCheckJson
{
    [JsonPropertyName("ID")] public string? Id { get; set; }
    public string? Namespace { get; set; }
}

/// <summary>Marks a request body whose unknown fields Consul ignores rather than refuses.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class IgnoresUnknownFieldsAttribute : Attribute;

/// <summary>One operation of PUT /v1/txn (Consul's api.TxnOp); only KV operations are carried out here.</summary>
internal sealed class TxnOpJson
{
    [JsonPropertyName("KV")] public TxnKvJson? Kv { get; set; }
    public JsonElement? Node { get; set; }
    public JsonElement? Service { get; set; }
    public JsonElement? Check { get; set; }
}

/// <summary>Consul's api.KVTxnOp: Value is base64, as Go encodes a []byte.</summary>
internal sealed class TxnKvJson
{
    public string? Verb { get; set; }
    public string? Key { get; set; }
    public string? Value { get; set; }
    public ulong Flags { get; set; }
    public ulong Index { get; set; }
    public string? Session { get; set; }
    public string? Namespace { get; set; }
    public string? Partition { get; set; }
}
