namespace Exam3.Gateway.Tests.Harness;

/// <summary>One registry and one gateway shared by a test class; each test routes its own services through them.</summary>
public sealed class TopologyFixture : IAsyncLifetime
{
    internal Topology Topology { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Topology = await Topology.StartAsync();

    public async ValueTask DisposeAsync() => await Topology.DisposeAsync();
}
