namespace Aspire.Hosting.ApplicationModel;

/// <summary>Exam3.Discovery, the Consul-compatible registry built with the distribution, run as a project.</summary>
public sealed class EmbeddedConsulResource(string name) : ProjectResource(name), IConsulResource
{
    /// <inheritdoc />
    public ConsulMode Mode => ConsulMode.Embedded;
}
