using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>
/// Lets a registry in a container run the services' HTTP checks. The services listen and register on 127.0.0.1, which
/// inside the container is the container itself. So every resource that references the registry is told the address
/// of this machine on the engine's default bridge (Docker's <c>host-gateway</c>, 172.17.0.1 by default): it listens
/// there too, on the same port, and registers its check there (Consul:Registration:CheckAddress), while the
/// registered Address stays 127.0.0.1 for the gateway and HAProxy on this machine. Consul allows a check's URL to
/// differ from the service's address; a real hashicorp/consul container needs exactly this, nothing of Exam3's.
/// </summary>
/// <remarks>
/// Not host networking: DCP attaches each container to a network of its own and publishes its ports through its
/// proxy, which a container on the host's network cannot join; and there Consul's <c>-client=0.0.0.0</c> would bind
/// every interface of the machine. The bridge is local to this machine and reaches only it and its containers.
/// </remarks>
internal static partial class ConsulContainerChecks
{
    /// <summary>The AppHost setting that names the check address instead of asking the engine (another engine, another bridge).</summary>
    public const string Setting = "Consul:CheckAddress";

    /// <summary>The variable that gives a service its check address (ConsulRegistrationOptions.CheckAddress).</summary>
    public const string EnvironmentVariable = "Consul__Registration__CheckAddress";

    private const string ReferenceRelationship = "Reference";

    public static void GiveReferencesACheckAddress(this IDistributedApplicationBuilder builder, ConsulResource consul)
    {
        var engine = ContainerEngine.From(builder.Configuration);
        var configured = builder.Configuration[Setting];
        // Asked once, when the first service starts: the engine is running by then, since the registry needs it too.
        var address = new Lazy<string?>(() => configured is { Length: > 0 } ? configured.Trim() : engine.HostGateway());

        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var client in start.Model.Resources.OfType<IResourceWithEnvironment>().Where(resource => References(resource, consul)))
            {
                client.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    if (address.Value is { } checkAddress)
                    {
                        context.EnvironmentVariables[EnvironmentVariable] = checkAddress;
                    }
                    else
                    {
                        LogNoCheckAddress(context.Logger, client.Name, engine.Name, Setting);
                    }
                }));
            }

            return Task.CompletedTask;
        });
    }

    private static bool References(IResource resource, IResource consul) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(relationship =>
            relationship.Resource == consul && relationship.Type == ReferenceRelationship);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Resource}: {Engine} did not name its bridge gateway, so the registry in its container cannot call this service's check; set {Setting}.")]
    private static partial void LogNoCheckAddress(ILogger logger, string resource, string engine, string setting);
}
