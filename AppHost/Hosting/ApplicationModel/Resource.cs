namespace Exam3.Hosting.ApplicationModel;

/// <summary>
/// A named part of the distribution: one or more processes with an HTTP endpoint, what they reference and what they wait for.
/// Declared through the builder's Add... and With... calls; fixed once the application is built.
/// </summary>
public abstract class Resource(string name)
{
    private readonly List<Resource> _references = [];
    private readonly List<Resource> _waitsFor = [];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly List<EndpointVariable> _endpointVariables = [];

    /// <summary>The model name: OTEL_SERVICE_NAME, the registry's service name, the prefix of replica names.</summary>
    public string Name { get; } = name;

    /// <summary>What kind of resource this is, as the dashboard's Type column shows it.</summary>
    public abstract string Type { get; }

    /// <summary>Where it comes from, as the dashboard's Source column shows it: a project path or a command.</summary>
    public abstract string Source { get; }

    /// <summary>How many processes run this resource, each with its own name, port and registration.</summary>
    public int Replicas { get; internal set; } = 1;

    /// <summary>The host port the resource must listen on, or null for a free one.</summary>
    public int? FixedPort { get; internal set; }

    /// <summary>The path the AppHost polls to know the resource is healthy; null means healthy once running.</summary>
    public string? HealthCheckPath { get; internal set; }

    /// <summary>Resources whose addresses this one receives in its environment.</summary>
    public IReadOnlyList<Resource> References => _references;

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    /// <summary>Variables set explicitly on this resource, on top of the conventional ones.</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>More ports the resource listens on, each handed to it in a variable (HAProxy's frontend, for one).</summary>
    public IReadOnlyList<EndpointVariable> EndpointVariables => _endpointVariables;

    internal void AddEndpointVariable(EndpointVariable endpoint) => _endpointVariables.Add(endpoint);

    internal void AddReference(Resource resource) => AddOnce(_references, resource);

    internal void AddWaitFor(Resource resource) => AddOnce(_waitsFor, resource);

    internal void SetEnvironment(string name, string value) => _environment[name] = value;

    /// <summary>The process one replica runs, given its endpoint.</summary>
    internal abstract ProcessLaunch CreateLaunch(ReplicaEndpoint endpoint);

    /// <summary>
    /// The variables a resource referencing this one receives, given this resource's replica URLs:
    /// Aspire's <c>services__{name}__http__{index}</c> by default.
    /// </summary>
    internal virtual IEnumerable<KeyValuePair<string, string>> ReferenceEnvironment(IReadOnlyList<string> urls) =>
        urls.Select((url, index) => KeyValuePair.Create($"services__{Name}__http__{index}", url));

    private void AddOnce(List<Resource> list, Resource resource)
    {
        if (ReferenceEquals(resource, this))
        {
            throw new InvalidOperationException($"Resource '{Name}' cannot reference or wait for itself.");
        }

        if (!list.Contains(resource))
        {
            list.Add(resource);
        }
    }
}
