using Exam3.Hosting;
using Exam3.Hosting.ApplicationModel;
using Exam3.Hosting.Testing;

namespace Exam3.AppHost.Tests;

public sealed class ConsulRegistryTests
{
    [Fact]
    public void ConsulBinaryRunsARealDevAgentOnTheRegistryPortAlone()
    {
        var builder = DistributedApplicationTestingBuilder.Create("--CONSUL_BINARY=/opt/consul/consul");

        var registry = builder.AddConsulRegistry<Projects.Exam3_Operations>("consul").Resource;
        var launch = registry.CreateLaunch(new ReplicaEndpoint(18500));

        Assert.True(registry.IsRealConsul);
        Assert.Equal("Consul (consul agent -dev)", registry.Type);
        Assert.Equal("/opt/consul/consul", launch.FileName);
        Assert.Equal(["agent", "-dev"], launch.Arguments.Take(2));
        Assert.Contains("-http-port=18500", launch.Arguments);
        Assert.Contains("-client=127.0.0.1", launch.Arguments);
        Assert.Contains("-dns-port=-1", launch.Arguments);
    }

    [Fact]
    public void WithoutAConsulBinaryTheEmbeddedRegistryRuns()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(folder => File.Exists(Path.Combine(folder, "consul"))),
            "A consul binary is on PATH here, so the real one is chosen.");
        var builder = DistributedApplicationTestingBuilder.Create();

        var registry = builder.AddConsulRegistry<Projects.Exam3_Operations>("consul").Resource;

        Assert.False(registry.IsRealConsul);
        Assert.Equal("Consul (embedded Exam3.Discovery)", registry.Type);
        Assert.Equal(new Projects.Exam3_Operations().AssemblyPath, registry.CreateLaunch(new ReplicaEndpoint(18500)).Arguments[0]);
        Assert.Equal("false", registry.Environment[ConsulRegistryExtensions.EmbeddedRegistrationSwitch]);
    }

    [Fact]
    public void RegistryListensOnConsulsPortAndIsReadyWhenItHasALeader()
    {
        var builder = DistributedApplicationTestingBuilder.Create();

        var registry = builder.AddConsulRegistry<Projects.Exam3_Operations>("consul").Resource;

        Assert.Equal(8500, registry.FixedPort);
        Assert.Equal("/v1/status/leader", registry.HealthCheckPath);
    }
}
