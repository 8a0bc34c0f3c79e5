using Aspire.Hosting.Eventing;

namespace Aspire.Hosting;

/// <summary>
/// Consul's ACLs for the application: one management token, made for the run, that the agent requires of every write
/// and every read (<c>default_policy = "deny"</c>) and that every resource referencing the agent is given as
/// <c>CONSUL_HTTP_TOKEN</c>, Consul's own variable for it. Any other process on the machine, without the token, can
/// neither register an instance nor read what is registered.
/// </summary>
public static class ConsulAclExtensions
{
    /// <summary>The configuration key that sets the token instead of making one: <c>Consul:Token</c>.</summary>
    public const string TokenSetting = "Consul:Token";

    /// <summary>Turns on ACLs with <paramref name="token"/> as the management token, whichever way the agent runs.</summary>
    public static IResourceBuilder<IConsulResource> WithManagementToken(this IResourceBuilder<IConsulResource> consul, string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        consul.WithAnnotation(new ConsulManagementTokenAnnotation(token), ResourceAnnotationMutationBehavior.Replace);
        _ = consul.Resource switch
        {
            EmbeddedConsulResource => consul.WithEnvironment("Discovery__ManagementToken", token),
            // Consul's agent configuration, as `-hcl`: the agent's own token is the same, so that it may sync its catalog.
            _ => consul.WithArgs($"-hcl=acl {{ enabled = true default_policy = \"deny\" tokens {{ initial_management = \"{token}\" agent = \"{token}\" }} }}"),
        };

        consul.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var client in start.Model.Resources.OfType<IResourceWithEnvironment>().Where(resource => References(resource, consul.Resource)))
            {
                client.Annotations.Add(new EnvironmentCallbackAnnotation("CONSUL_HTTP_TOKEN", () => token));
            }

            return Task.CompletedTask;
        });

        // Exam3's registry UI takes the token from its address, as its own API does; real Consul's asks for it.
        return consul.WithUrls(context =>
        {
            foreach (var url in context.Urls.Where(url => url.Url.EndsWith("/ui/", StringComparison.Ordinal)))
            {
                url.Url += $"?token={Uri.EscapeDataString(token)}";
            }
        });
    }

    private static bool References(IResource resource, IResource consul) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(relation => relation.Resource == consul && relation.Type == "Reference");
}

/// <summary>The management token a Consul agent of the application requires.</summary>
public sealed record ConsulManagementTokenAnnotation(string Token) : IResourceAnnotation;
