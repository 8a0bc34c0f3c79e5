using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting;

/// <summary>A resource being declared, with the fluent With.../WaitFor calls of Aspire's IResourceBuilder.</summary>
public interface IResourceBuilder<out T> where T : Resource
{
    DistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }
}

internal sealed class ResourceBuilder<T>(DistributedApplicationBuilder applicationBuilder, T resource) : IResourceBuilder<T>
    where T : Resource
{
    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;
}
