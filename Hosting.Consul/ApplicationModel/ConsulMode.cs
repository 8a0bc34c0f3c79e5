namespace Aspire.Hosting.ApplicationModel;

/// <summary>How the Consul agent runs; the configuration key <c>Consul:Mode</c> chooses, <see cref="Auto"/> by default.</summary>
public enum ConsulMode
{
    /// <summary>The first of <see cref="Container"/>, <see cref="Binary"/> and <see cref="Embedded"/> that this machine can run.</summary>
    Auto,

    /// <summary>The <c>hashicorp/consul</c> image running <c>agent -dev</c> on a container engine.</summary>
    Container,

    /// <summary><c>consul agent -dev</c> from <c>CONSUL_BINARY</c> or PATH.</summary>
    Binary,

    /// <summary>Exam3.Discovery, the Consul-compatible registry built with the distribution, run as a project.</summary>
    Embedded,
}
