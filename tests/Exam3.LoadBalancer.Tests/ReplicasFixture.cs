namespace Exam3.LoadBalancer.Tests;

/// <summary>Three Operations replicas shared by a test class that never stops them.</summary>
public sealed class ReplicasFixture : IAsyncLifetime
{
    internal Replicas Replicas { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Replicas = await Replicas.StartAsync("operations-a", "operations-b", "operations-c");

    public async ValueTask DisposeAsync() => await Replicas.DisposeAsync();
}
