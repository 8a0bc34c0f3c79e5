using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting.Orchestration;

/// <summary>Everything decided about one replica before it starts: its name, its endpoint and its environment.</summary>
internal sealed record ReplicaPlan(
    Resource Resource,
    string Name,
    ReplicaEndpoint Endpoint,
    IReadOnlyList<ReplicaEndpoint> MoreEndpoints,
    IReadOnlyDictionary<string, string> Environment)
{
    public ResourceSnapshot InitialSnapshot => new()
    {
        Name = Name,
        ResourceName = Resource.Name,
        ResourceType = Resource.Type,
        Source = Resource.Source,
        Urls = [Endpoint.Uri, .. MoreEndpoints.Select(endpoint => endpoint.Uri)],
        Environment = Environment,
        WaitsFor = [.. Resource.WaitsFor.Select(dependency => dependency.Name)],
    };
}
