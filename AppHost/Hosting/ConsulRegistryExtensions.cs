using Exam3.Hosting.ApplicationModel;
using Exam3.Hosting.Orchestration;

namespace Exam3.Hosting;

/// <summary>Declares the service registry every other resource registers with and discovers through.</summary>
public static class ConsulRegistryExtensions
{
    /// <summary>Consul's HTTP API port.</summary>
    public const int DefaultPort = 8500;

    /// <summary>Answers 200 with the leader's address once a Consul agent can serve requests; the common readiness probe.</summary>
    public const string ReadinessPath = "/v1/status/leader";

    /// <summary>
    /// The registry: a real <c>consul agent -dev</c> when <c>CONSUL_BINARY</c> names one or <c>consul</c> is on PATH,
    /// else <typeparamref name="TEmbedded"/>, the embedded Consul-compatible registry. References receive
    /// <c>ConnectionStrings__{name}</c> and <c>CONSUL_HTTP_ADDR</c>.
    /// </summary>
    public static IResourceBuilder<ConsulRegistryResource> AddConsulRegistry<TEmbedded>(
        this DistributedApplicationBuilder builder,
        string name,
        int port = DefaultPort)
        where TEmbedded : IProjectMetadata, new()
    {
        var consul = FindConsulBinary(builder.Configuration["CONSUL_BINARY"]);
        Resource backing = consul is null
            ? new ProjectResource(name, new TEmbedded())
            : new ExecutableResource(name, consul, Path.GetTempPath(), endpoint => ConsulDevArguments(name, endpoint));

        var registry = builder.AddResource(new ConsulRegistryResource(name, backing, isRealConsul: consul is not null))
            .WithHttpEndpoint(port)
            .WithHttpHealthCheck(ReadinessPath);

        // The embedded registry is built on the service defaults like every Exam3 service; it must not register itself in
        // whatever registry Consul's default address (127.0.0.1:8500) points at.
        return consul is null ? registry.WithEnvironment(EmbeddedRegistrationSwitch, "false") : registry;
    }

    /// <summary>The service defaults' switch for self-registration (Consul:Registration:Enabled), as an environment variable.</summary>
    public const string EmbeddedRegistrationSwitch = "Consul__Registration__Enabled";

    private static string? FindConsulBinary(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? ExecutableSearch.FindOnPath("consul") : configured;

    // A single in-memory agent on loopback. DNS, gRPC and WAN gossip are off and the LAN gossip and server RPC ports
    // are free ones, so that two distributions (tests run in parallel) never fight over Consul's fixed 83xx/8600 ports.
    private static IEnumerable<string> ConsulDevArguments(string name, ReplicaEndpoint endpoint) =>
    [
        "agent", "-dev", $"-node={name}",
        $"-bind={ReplicaEndpoint.Host}", $"-client={ReplicaEndpoint.Host}",
        $"-http-port={endpoint.Port}",
        "-dns-port=-1", "-grpc-port=-1", "-grpc-tls-port=-1", "-serf-wan-port=-1",
        $"-serf-lan-port={PortAllocator.AnyFree()}", $"-server-port={PortAllocator.AnyFree()}",
    ];
}
