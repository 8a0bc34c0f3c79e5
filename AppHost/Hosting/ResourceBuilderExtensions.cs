using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting;

/// <summary>How resources relate and behave: Aspire's WithReference, WaitFor, WithReplicas, WithHttpHealthCheck and friends.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Gives this resource the address of <paramref name="source"/> in its environment.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> source)
        where T : Resource
    {
        builder.Resource.AddReference(source.Resource);
        return builder;
    }

    /// <summary>Starts this resource only once every replica of <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        builder.Resource.AddWaitFor(dependency.Resource);
        return builder;
    }

    /// <summary>Runs <paramref name="replicas"/> processes, each named resource-&lt;8 letters&gt; with its own free port.</summary>
    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas) where T : Resource
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>Healthy means GET <paramref name="path"/> answers 2xx; what waits for this resource waits for that.</summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path = "/health")
        where T : Resource
    {
        builder.Resource.HealthCheckPath = path.StartsWith('/') ? path : "/" + path;
        return builder;
    }

    /// <summary>
    /// Listens on <paramref name="port"/> by default; configuration <c>Ports:&lt;name&gt;</c> overrides it, and the testing harness
    /// replaces it with a free one.
    /// </summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int port) where T : Resource
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        builder.Resource.FixedPort = port;
        return builder;
    }

    /// <summary>
    /// Gives the resource a further port, <paramref name="port"/> by default (configuration <c>Ports:&lt;name&gt;</c> overrides it),
    /// as <paramref name="variable"/>=127.0.0.1:port; its URL is listed with the resource's.
    /// </summary>
    public static IResourceBuilder<T> WithEndpointVariable<T>(this IResourceBuilder<T> builder, string name, int port, string variable)
        where T : Resource
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        builder.Resource.AddEndpointVariable(new EndpointVariable(name, port, variable));
        return builder;
    }

    /// <summary>Sets one environment variable for every replica, on top of the conventional ones.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.SetEnvironment(name, value);
        return builder;
    }
}
