using Exam3.ServiceDefaults.Consul;
using Microsoft.Extensions.Options;

namespace Exam3.LoadBalancer.Tests;

/// <summary>
/// The registry (Exam3.Discovery) and three Operations replicas, shared by a test class. Each test registers the
/// replicas under a service name of its own and runs its own load balancer, so tests never see each other's changes.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private int _services;

    internal ProjectProcess Registry { get; private set; } = null!;

    internal Replicas Replicas { get; private set; } = null!;

    internal ConsulClient Consul { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Registry = ProjectProcess.Start("consul", "Services/Discovery", "Exam3.Discovery");
        Consul = new ConsulClient(Options.Create(new ConsulOptions { Address = Registry.BaseAddress }));
        Replicas = await Replicas.StartAsync("operations-a", "operations-b", "operations-c");
        await Registry.WaitForHttpAsync("/v1/status/leader", StartTimeout);
    }

    /// <summary>A service name no other test uses.</summary>
    public string NewServiceName() => $"ops{Interlocked.Increment(ref _services)}";

    /// <summary>Registers <paramref name="replica"/> as an instance of <paramref name="service"/>.</summary>
    internal Task RegisterAsync(string service, ProjectProcess replica, CancellationToken cancellationToken) =>
        Consul.RegisterServiceAsync(Registration(service, replica), cancellationToken);

    /// <summary>What a replica would register itself as: its address, and an HTTP check on /health every second.</summary>
    internal static ServiceRegistration Registration(string service, ProjectProcess replica) =>
        new()
        {
            Name = service,
            Id = InstanceId(service, replica),
            Address = "127.0.0.1",
            Port = replica.BaseAddress.Port,
            Check = new ServiceCheck { Http = new Uri(replica.BaseAddress, "/health").ToString(), Interval = "1s", Timeout = "2s" },
        };

    internal static string InstanceId(string service, ProjectProcess replica) => $"{service}-{replica.Name}";

    public async ValueTask DisposeAsync()
    {
        Consul.Dispose();
        await Replicas.DisposeAsync();
        await Registry.DisposeAsync();
    }
}
