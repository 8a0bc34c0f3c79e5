namespace Exam3.Hosting.ApplicationModel;

/// <summary>
/// The service registry: a real Consul (<c>consul agent -dev</c>) when one is installed, the embedded Exam3.Discovery otherwise.
/// Both speak Consul's HTTP API, so what references it cannot tell them apart.
/// </summary>
public sealed class ConsulRegistryResource(string name, Resource backing, bool isRealConsul) : Resource(name)
{
    /// <summary>True when a real consul binary runs, false for the embedded Exam3.Discovery.</summary>
    public bool IsRealConsul { get; } = isRealConsul;

    public override string Type => IsRealConsul ? "Consul (consul agent -dev)" : "Consul (embedded Exam3.Discovery)";

    public override string Source => backing.Source;

    internal override ProcessLaunch CreateLaunch(ReplicaEndpoint endpoint) => backing.CreateLaunch(endpoint);

    /// <summary>Aspire's connection string and Consul's own client variable, both naming the HTTP API.</summary>
    internal override IEnumerable<KeyValuePair<string, string>> ReferenceEnvironment(IReadOnlyList<string> urls) =>
    [
        KeyValuePair.Create($"ConnectionStrings__{Name}", urls[0]),
        KeyValuePair.Create("CONSUL_HTTP_ADDR", urls[0]),
    ];
}
