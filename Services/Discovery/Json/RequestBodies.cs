using System.Text.Json.Serialization;

namespace Exam3.Discovery.Json;

/// <summary>The body of PUT /v1/agent/service/register (Consul's structs.ServiceDefinition).</summary>
internal sealed class ServiceDefinitionJson
{
    [JsonPropertyName("ID")] public string? Id { get; set; }
    public string? Name { get; set; }
    public List<string>? Tags { get; set; }
    public string? Address { get; set; }
    [JsonAlias("tagged_addresses")] public Dictionary<string, ServiceAddressJson>? TaggedAddresses { get; set; }
    public Dictionary<string, string>? Meta { get; set; }
    public int Port { get; set; }
    public string? SocketPath { get; set; }
    public string? Kind { get; set; }
    public JsonElement? Proxy { get; set; }
    public JsonElement? Connect { get; set; }
    public JsonElement? Locality { get; set; }
    public CheckTypeJson? Check { get; set; }
    public List<CheckTypeJson?>? Checks { get; set; }
    [JsonAlias("enable_tag_override")] public bool EnableTagOverride { get; set; }
    public WeightsJson? Weights { get; set; }
    public string? Token { get; set; }
    public string? Namespace { get; set; }
    public string? Partition { get; set; }
}

internal sealed class ServiceAddressJson
{
    public string? Address { get; set; }
    public int Port { get; set; }
}

internal sealed class WeightsJson
{
    public int Passing { get; set; }
    public int Warning { get; set; }
}

/// <summary>A check inside a service registration (Consul's structs.CheckType): note `CheckID`, not `ID`.</summary>
internal class CheckTypeJson
{
    [JsonPropertyName("CheckID")] public string? CheckId { get; set; }
    public string? Name { get; set; }
    public string? Status { get; set; }
    public string? Notes { get; set; }
    [JsonAlias("script_args")] public List<string>? ScriptArgs { get; set; }
    public List<string>? Args { get; set; }
    [JsonPropertyName("HTTP")] public string? Http { get; set; }
    public Dictionary<string, List<string>>? Header { get; set; }
    public string? Method { get; set; }
    public string? Body { get; set; }
    [JsonAlias("disable_redirects")] public bool DisableRedirects { get; set; }
    [JsonPropertyName("TCP")] public string? Tcp { get; set; }
    [JsonPropertyName("TCPUseTLS")][JsonAlias("tcp_use_tls")] public bool TcpUseTls { get; set; }
    [JsonPropertyName("UDP")] public string? Udp { get; set; }
    [JsonPropertyName("GRPC")] public string? Grpc { get; set; }
    [JsonPropertyName("GRPCUseTLS")][JsonAlias("grpc_use_tls")] public bool GrpcUseTls { get; set; }
    [JsonPropertyName("H2PING")] public string? H2Ping { get; set; }
    [JsonPropertyName("H2PingUseTLS")][JsonAlias("h2ping_use_tls")] public bool H2PingUseTls { get; set; }
    [JsonPropertyName("OSService")] public string? OsService { get; set; }
    public string? AliasNode { get; set; }
    public string? AliasService { get; set; }
    [JsonPropertyName("DockerContainerID")][JsonAlias("docker_container_id")] public string? DockerContainerId { get; set; }
    public string? Shell { get; set; }
    public TimeSpan Interval { get; set; }
    public TimeSpan Timeout { get; set; }
    [JsonPropertyName("TTL")] public TimeSpan Ttl { get; set; }
    [JsonPropertyName("TLSServerName")][JsonAlias("tls_server_name")] public string? TlsServerName { get; set; }
    [JsonPropertyName("TLSSkipVerify")][JsonAlias("tls_skip_verify")] public bool TlsSkipVerify { get; set; }
    public int SuccessBeforePassing { get; set; }
    public int FailuresBeforeWarning { get; set; }
    public int FailuresBeforeCritical { get; set; }
    [JsonAlias("deregister_critical_service_after")] public TimeSpan DeregisterCriticalServiceAfter { get; set; }
    public int OutputMaxSize { get; set; }

    /// <summary>Accepted for compatibility and ignored inside a service registration, as Consul does.</summary>
    [JsonPropertyName("ServiceID")][JsonAlias("service_id")] public string? ServiceId { get; set; }
}

/// <summary>The body of PUT /v1/agent/check/register (Consul's structs.CheckDefinition): a check with its own `ID`.</summary>
internal sealed class CheckDefinitionJson : CheckTypeJson
{
    [JsonPropertyName("ID")] public string? Id { get; set; }
    public string? Token { get; set; }
}

/// <summary>The body of PUT /v1/agent/check/update/:id.</summary>
internal sealed class CheckUpdateJson
{
    public string? Status { get; set; }
    public string? Output { get; set; }
}
