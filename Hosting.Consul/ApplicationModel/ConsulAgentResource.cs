namespace Aspire.Hosting.ApplicationModel;

/// <summary>A <c>consul agent -dev</c> process started from the binary installed on this machine.</summary>
public sealed class ConsulAgentResource(string name, string consulBinary)
    : ExecutableResource(name, consulBinary, Path.GetTempPath()), IConsulResource
{
    /// <inheritdoc />
    public ConsulMode Mode => ConsulMode.Binary;
}
