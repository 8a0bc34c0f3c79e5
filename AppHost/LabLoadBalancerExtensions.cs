using Aspire.Hosting.ApplicationModel;
using Exam3.LoadBalancer.Haproxy;

namespace Aspire.Hosting;

/// <summary>The lab's load balancer: Exam3.LoadBalancer runs HAProxy and keeps its backend equal to the registry.</summary>
public static class LabLoadBalancerExtensions
{
    /// <summary>The name of HAProxy's endpoint, where the lab's clients send requests.</summary>
    public const string FrontendEndpointName = "frontend";

    /// <summary>What the dashboard says of the load balancer where haproxy is not installed.</summary>
    public const string NotInstalledState = "Not started: haproxy is not installed (sudo apt-get install haproxy)";

    // The load balancer's own setting: a path to haproxy, or a name to look up on PATH and in the sbin folders.
    private const string HaproxySetting = "LoadBalancer:Haproxy";

    /// <summary>
    /// HAProxy's frontend on <paramref name="port"/>, balancing over the passing replicas of <paramref name="service"/>.
    /// Where haproxy is not installed (<c>LoadBalancer:Haproxy</c> names another one), a resource of that name still
    /// shows on the dashboard, saying why and how to fix it.
    /// </summary>
    public static IResourceBuilder<IResource> AddLabLoadBalancer<TProject>(
        this IDistributedApplicationBuilder builder,
        string name,
        int port,
        IResourceBuilder<IConsulResource> consul,
        IResourceBuilder<ProjectResource> service)
        where TProject : IProjectMetadata, new()
    {
        var haproxy = HaproxyExecutable.Find(builder.Configuration[HaproxySetting] is { Length: > 0 } configured ? configured : "haproxy");
        if (haproxy is null)
        {
            return builder.AddResource(new HaproxyNotInstalledResource(name))
                .WithInitialState(new CustomResourceSnapshot
                {
                    ResourceType = "HAProxy",
                    State = new ResourceStateSnapshot(NotInstalledState, KnownResourceStateStyles.Warn),
                    Properties = [],
                });
        }

        var loadBalancer = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint()
            // tcp, not http: HAProxy binds the frontend, so it must stay out of ASPNETCORE_URLS; HAProxy itself, not a
            // proxy of DCP's in front of it.
            .WithEndpoint(port: port, scheme: "tcp", name: FrontendEndpointName, isProxied: false)
            .WithReference(consul)
            .WaitFor(service)
            .WithHttpHealthCheck("/health");
        var frontend = loadBalancer.GetEndpoint(FrontendEndpointName);
        return loadBalancer
            .WithEnvironment("LoadBalancer__Service", service.Resource.Name)
            .WithEnvironment("LoadBalancer__Haproxy", haproxy)
            .WithEnvironment("LoadBalancer__Frontend", ReferenceExpression.Create($"127.0.0.1:{frontend.Property(EndpointProperty.TargetPort)}"));
    }

    /// <summary>Stands in for the load balancer on the dashboard when it cannot run.</summary>
    public sealed class HaproxyNotInstalledResource(string name) : Resource(name);
}
