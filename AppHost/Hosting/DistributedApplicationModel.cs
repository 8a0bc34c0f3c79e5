using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting;

/// <summary>The declared resources, in declaration order, as the builder fixed them.</summary>
public sealed class DistributedApplicationModel(IReadOnlyList<Resource> resources)
{
    public IReadOnlyList<Resource> Resources { get; } = resources;
}
