using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Adds a Consul agent to the application: the registry that services register with and discover through.</summary>
public static partial class ConsulBuilderExtensions
{
    /// <summary>Consul's HTTP API port.</summary>
    public const int DefaultPort = 8500;

    /// <summary>Answers 200 with the leader's address once an agent serves requests: Consul's usual readiness probe.</summary>
    public const string ReadinessPath = "/v1/status/leader";

    /// <summary>The resource property the dashboard shows the chosen <see cref="ConsulMode"/> in.</summary>
    public const string ModeProperty = "consul.mode";

    /// <summary>
    /// A Consul agent on <paramref name="port"/>, run the way <c>Consul:Mode</c> says (auto by default: a container
    /// engine that has the image, else a consul binary, else <typeparamref name="TEmbedded"/>, the embedded registry),
    /// with ACLs on and a management token made for this run (or <c>Consul:Token</c>) that every referencing resource
    /// receives.
    /// </summary>
    public static IResourceBuilder<IConsulResource> AddConsul<TEmbedded>(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        int? port = DefaultPort)
        where TEmbedded : IProjectMetadata, new()
    {
        var selection = ConsulModeSelection.Choose(builder.Configuration);
        IResourceBuilder<IConsulResource> consul = selection.Mode switch
        {
            ConsulMode.Container => builder.AddConsulContainer(name, port, selection.Image),
            ConsulMode.Binary => builder.AddConsulAgent(name, port, selection.ConsulBinary!),
            _ => builder.AddEmbeddedConsul<TEmbedded>(name, port),
        };

        return consul
            .WithHttpHealthCheck(ReadinessPath, endpointName: IConsulResource.HttpEndpointName)
            .WithUrls(context =>
            {
                foreach (var url in context.Urls.Where(url => url.Endpoint?.EndpointName == IConsulResource.HttpEndpointName).ToList())
                {
                    url.DisplayText = "HTTP API";
                    context.Urls.Add(new ResourceUrlAnnotation { Url = $"{url.Url.TrimEnd('/')}/ui/", DisplayText = "Web UI", Endpoint = url.Endpoint });
                }
            })
            .OnInitializeResource(async (resource, initialize, _) =>
            {
                var mode = $"{resource.Mode.ToString().ToLowerInvariant()} ({selection.Reason})";
                LogMode(initialize.Logger, mode);
                await initialize.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with
                {
                    Properties = [.. snapshot.Properties.Where(property => property.Name != ModeProperty), new(ModeProperty, mode) { DisplayName = "Consul mode" }],
                });
            })
            .WithManagementToken(builder.Configuration[ConsulAclExtensions.TokenSetting] is { Length: > 0 } configured ? configured : Guid.NewGuid().ToString());
    }

    private static IResourceBuilder<ConsulResource> AddConsulContainer(this IDistributedApplicationBuilder builder, string name, int? port, string image)
    {
        var (repository, tag) = image.LastIndexOf(':') is var colon and > 0 && !image[colon..].Contains('/')
            ? (image[..colon], image[(colon + 1)..])
            : (image, ConsulResource.DefaultTag);
        // -client=0.0.0.0 is every interface of the container's own network namespace, where the engine publishes the port from.
        var consul = builder.AddResource(new ConsulResource(name))
            .WithImage(repository, tag)
            .WithHttpEndpoint(port: port, targetPort: DefaultPort, name: IConsulResource.HttpEndpointName)
            .WithArgs("agent", "-dev", "-client=0.0.0.0", $"-node={name}");
        builder.GiveReferencesACheckAddress(consul.Resource);
        return consul;
    }

    // A single in-memory agent on loopback. DNS, gRPC and WAN gossip are off, and the LAN gossip and server RPC ports
    // are ones DCP allocates, so that two distributions (tests run in parallel) never fight over Consul's fixed ports.
    private static IResourceBuilder<ConsulAgentResource> AddConsulAgent(this IDistributedApplicationBuilder builder, string name, int? port, string binary)
    {
        var agent = builder.AddResource(new ConsulAgentResource(name, binary))
            .WithHttpEndpoint(port: port, name: IConsulResource.HttpEndpointName)
            .WithEndpoint(scheme: "tcp", name: "serf-lan", isProxied: false)
            .WithEndpoint(scheme: "tcp", name: "server", isProxied: false);
        IConsulResource resource = agent.Resource;
        return agent.WithArgs(context =>
        {
            context.Args.Add("agent");
            context.Args.Add("-dev");
            context.Args.Add($"-node={name}");
            context.Args.Add("-bind=127.0.0.1");
            context.Args.Add("-client=127.0.0.1");
            context.Args.Add(ReferenceExpression.Create($"-http-port={resource.HttpEndpoint.Property(EndpointProperty.TargetPort)}"));
            context.Args.Add(ReferenceExpression.Create($"-serf-lan-port={resource.GetEndpoint("serf-lan").Property(EndpointProperty.TargetPort)}"));
            context.Args.Add(ReferenceExpression.Create($"-server-port={resource.GetEndpoint("server").Property(EndpointProperty.TargetPort)}"));
            context.Args.Add("-dns-port=-1");
            context.Args.Add("-grpc-port=-1");
            context.Args.Add("-grpc-tls-port=-1");
            context.Args.Add("-serf-wan-port=-1");
        });
    }

    // WithProjectDefaults is how Aspire lets a resource type of another assembly be run as a .NET project (AddProject
    // itself calls it); it is marked experimental in 13.6.
#pragma warning disable ASPIREPROJECTS001
    private static IResourceBuilder<EmbeddedConsulResource> AddEmbeddedConsul<TEmbedded>(this IDistributedApplicationBuilder builder, string name, int? port)
        where TEmbedded : IProjectMetadata, new() =>
        builder.AddResource(new EmbeddedConsulResource(name))
            .WithAnnotation(new TEmbedded())
            .WithProjectDefaults(new ProjectResourceOptions { ExcludeLaunchProfile = true })
            .WithHttpEndpoint(port: port, name: IConsulResource.HttpEndpointName);
#pragma warning restore ASPIREPROJECTS001

    [LoggerMessage(Level = LogLevel.Information, Message = "Consul runs as {Mode}.")]
    private static partial void LogMode(ILogger logger, string mode);
}
