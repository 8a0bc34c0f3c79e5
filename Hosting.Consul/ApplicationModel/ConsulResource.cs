namespace Aspire.Hosting.ApplicationModel;

/// <summary>Consul from the <c>hashicorp/consul</c> image, running <c>agent -dev</c>.</summary>
public sealed class ConsulResource(string name) : ContainerResource(name), IConsulResource
{
    /// <summary>The official image.</summary>
    public const string DefaultImage = "hashicorp/consul";

    /// <summary>The image's tag: the 1.21 line, whose API shapes Exam3's reference fixtures were taken from.</summary>
    public const string DefaultTag = "1.21";

    /// <inheritdoc />
    public ConsulMode Mode => ConsulMode.Container;
}
