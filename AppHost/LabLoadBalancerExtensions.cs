using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The lab's load balancer: Exam3.LoadBalancer runs HAProxy and keeps its backend equal to the registry.</summary>
internal static class LabLoadBalancerExtensions
{
    private const string FrontendEndpointName = "frontend";

    // Debian installs haproxy in /usr/sbin, which is not on every user's PATH.
    private static readonly string[] SystemFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    /// <summary>
    /// HAProxy's frontend on <paramref name="port"/>, balancing over the passing replicas of <paramref name="service"/>.
    /// Where haproxy is not installed, a resource of that name still shows on the dashboard, saying why and how to fix it.
    /// </summary>
    public static IResourceBuilder<IResource> AddLabLoadBalancer<TProject>(
        this IDistributedApplicationBuilder builder,
        string name,
        int port,
        IResourceBuilder<IConsulResource> consul,
        IResourceBuilder<ProjectResource> service)
        where TProject : IProjectMetadata, new()
    {
        if (!HaproxyIsInstalled())
        {
            return builder.AddResource(new HaproxyNotInstalledResource(name))
                .WithInitialState(new CustomResourceSnapshot
                {
                    ResourceType = "HAProxy",
                    State = new ResourceStateSnapshot("Not started: haproxy is not installed (sudo apt-get install haproxy)", KnownResourceStateStyles.Warn),
                    Properties = [],
                });
        }

        var loadBalancer = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint()
            // tcp, not http: HAProxy binds the frontend, so it must stay out of ASPNETCORE_URLS.
            .WithEndpoint(port: port, scheme: "tcp", name: FrontendEndpointName)
            .WithReference(consul)
            .WaitFor(service)
            .WithHttpHealthCheck("/health");
        var frontend = loadBalancer.GetEndpoint(FrontendEndpointName);
        return loadBalancer
            .WithEnvironment("LoadBalancer__Service", service.Resource.Name)
            .WithEnvironment("LoadBalancer__Frontend", ReferenceExpression.Create($"127.0.0.1:{frontend.Property(EndpointProperty.TargetPort)}"));
    }

    private static bool HaproxyIsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemFolders)
            .Any(folder => File.Exists(Path.Combine(folder, "haproxy")));

    /// <summary>Stands in for the load balancer on the dashboard when it cannot run.</summary>
    private sealed class HaproxyNotInstalledResource(string name) : Resource(name);
}
