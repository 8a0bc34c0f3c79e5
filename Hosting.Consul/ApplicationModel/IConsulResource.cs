namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Consul agent, whichever way it runs (<see cref="ConsulMode"/>): references receive its HTTP API's URL as
/// <c>ConnectionStrings__{name}</c>, the address every Consul client of Exam3 reads first.
/// </summary>
public interface IConsulResource : IResourceWithConnectionString, IResourceWithEndpoints, IResourceWithEnvironment, IResourceWithArgs, IResourceWithWaitSupport
{
    /// <summary>The name of the HTTP API's endpoint.</summary>
    const string HttpEndpointName = "http";

    /// <summary>How this agent runs.</summary>
    ConsulMode Mode { get; }

    /// <summary>The management token the agent requires, if ACLs are on (<see cref="ConsulAclExtensions"/>).</summary>
    string? ManagementToken => Annotations.OfType<ConsulManagementTokenAnnotation>().LastOrDefault()?.Token;

    /// <summary>Consul's HTTP API: agent, catalog, health, KV, and the web UI at /ui.</summary>
    EndpointReference HttpEndpoint => new(this, HttpEndpointName);

    ReferenceExpression IResourceWithConnectionString.ConnectionStringExpression =>
        ReferenceExpression.Create($"{HttpEndpoint.Property(EndpointProperty.Url)}");
}
