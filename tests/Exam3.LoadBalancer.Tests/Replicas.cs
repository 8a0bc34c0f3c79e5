using System.Net;
using Exam3.LoadBalancer.Backend;
using Exam3.TestSupport;

namespace Exam3.LoadBalancer.Tests;

/// <summary>Operations replicas as real processes, named as the AppHost names them (operations-&lt;suffix&gt;).</summary>
internal sealed class Replicas : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<ProjectProcess> _processes = [];

    public IReadOnlyList<ProjectProcess> All => _processes;

    public ProjectProcess this[int index] => _processes[index];

    public static async Task<Replicas> StartAsync(params string[] names)
    {
        var replicas = new Replicas();
        foreach (var name in names)
        {
            await replicas.AddAsync(name);
        }

        return replicas;
    }

    /// <summary>Starts one more replica and waits until it is healthy.</summary>
    public async Task<ProjectProcess> AddAsync(string name)
    {
        var replica = ProjectProcess.Start(name, "Services/Operations", "Exam3.Operations", environment: new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "operations",
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={name}",
            // The tests register each replica themselves, under a service name of their own, so that they never meet.
            ["Consul__Registration__Enabled"] = "false",
        });
        _processes.Add(replica);
        await replica.WaitForHttpAsync("/health", StartTimeout);
        return replica;
    }

    public static BackendMember Member(ProjectProcess replica) => new(replica.Name, IPAddress.Loopback, replica.BaseAddress.Port);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
