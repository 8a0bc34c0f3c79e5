namespace Exam3.LoadBalancer.Tests;

/// <summary>Operations replicas as real processes, named as the AppHost names them (operations-&lt;suffix&gt;).</summary>
internal sealed class Replicas : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<ProjectProcess> _processes = [];
    private readonly Uri? _registry;

    private Replicas(Uri? registry)
    {
        _registry = registry;
    }

    public IReadOnlyList<ProjectProcess> All => _processes;

    public ProjectProcess this[int index] => _processes[index];

    /// <summary>Replicas that do not register themselves; the tests register them under service names of their own.</summary>
    public static Task<Replicas> StartAsync(params string[] names) => StartAsync(new Replicas(null), names);

    /// <summary>Replicas that register themselves in <paramref name="registry"/> as "operations", as under the AppHost.</summary>
    public static Task<Replicas> StartSelfRegisteringAsync(Uri registry, params string[] names) => StartAsync(new Replicas(registry), names);

    private static async Task<Replicas> StartAsync(Replicas replicas, string[] names)
    {
        foreach (var name in names)
        {
            await replicas.AddAsync(name);
        }

        return replicas;
    }

    private async Task AddAsync(string name)
    {
        var replica = ProjectProcess.Start(name, "Services/Operations", "Exam3.Operations", environment: new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "operations",
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={name}",
            ["ConnectionStrings__consul"] = _registry?.ToString(),
        });
        _processes.Add(replica);
        await replica.WaitForHttpAsync("/health", StartTimeout);
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
