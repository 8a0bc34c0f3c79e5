using Microsoft.Extensions.Options;

namespace Exam3.Gateway.Tests.Harness;

/// <summary>
/// The registry (Exam3.Discovery) and the gateway as real processes on free loopback ports, plus the replicas a test
/// starts: Operations replicas that register themselves, or echo replicas the test registers. Either way the gateway
/// only ever sees the registry.
/// </summary>
internal sealed class Topology : IAsyncDisposable
{
    public const string ServedBy = "X-Served-By";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly int _registryPort = FreePort.Next();

    private Topology()
    {
        Consul = new ConsulClient(Options.Create(new ConsulOptions { Address = new Uri($"http://127.0.0.1:{_registryPort}") }));
    }

    public ProjectProcess Registry { get; private set; } = null!;

    public ProjectProcess Gateway { get; private set; } = null!;

    /// <summary>A client of the registry, as the replicas use to register.</summary>
    public ConsulClient Consul { get; }

    /// <summary>A client of the gateway, as an outside caller uses it.</summary>
    public HttpClient Client { get; private set; } = null!;

    public static async Task<Topology> StartAsync(IReadOnlyDictionary<string, string?>? gatewaySettings = null)
    {
        var topology = new Topology();
        await topology.StartRegistryAsync();
        (topology.Gateway, topology.Client) = await topology.StartGatewayAsync(gatewaySettings);
        return topology;
    }

    /// <summary>Another gateway on the same registry, with its own settings.</summary>
    public async Task<(ProjectProcess Gateway, HttpClient Client)> StartGatewayAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "gateway",
            ["ConnectionStrings__consul"] = Consul.Address.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var gateway = Own(ProjectProcess.Start("gateway", "Gateway", "Exam3.Gateway", environment: environment));
        await gateway.WaitForHttpAsync("/health", StartTimeout);
        var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return (gateway, client);
    }

    /// <summary>Kills the registry outright; the gateway is left with what it last heard.</summary>
    public void KillRegistry() => Registry.Kill();

    /// <summary>Starts a fresh registry on the same port: it knows nothing until replicas register again.</summary>
    public Task StartRegistryAsync()
    {
        Registry = Own(ProjectProcess.Start("consul", "Services/Discovery", "Exam3.Discovery", _registryPort));
        return Registry.WaitForHttpAsync("/v1/status/leader", StartTimeout);
    }

    /// <summary>
    /// Starts an Operations replica named <paramref name="instance"/> of <paramref name="service"/> routed at
    /// <paramref name="prefix"/>. By default it registers itself, checked every second, as in the distribution;
    /// without <paramref name="registersItself"/> the test registers it, and it never registers again on its own.
    /// </summary>
    public async Task<ProjectProcess> StartOperationsAsync(string service, string instance, string prefix, bool registersItself = true)
    {
        var replica = Own(ProjectProcess.Start(instance, "Services/Operations", "Exam3.Operations", environment: new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = service,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instance}",
            ["ConnectionStrings__consul"] = Consul.Address.ToString(),
            ["Consul__Registration__Enabled"] = registersItself ? "true" : "false",
            ["Consul__Registration__Tags__0"] = $"urlprefix-{prefix}",
            ["Consul__Registration__CheckInterval"] = "00:00:01",
        }));
        await replica.WaitForHttpAsync("/health", StartTimeout);
        if (!registersItself)
        {
            await RegisterAsync(service, instance, replica.BaseAddress, prefix);
        }

        return replica;
    }

    public async Task<EchoReplica> StartEchoAsync(string instance) => Own(await EchoReplica.StartAsync(instance));

    /// <summary>
    /// Registers a replica the way it registers itself: route tag and an HTTP check on /health every second; without
    /// <paramref name="checkHealth"/>, no check at all, which Consul counts as passing whatever happens to the replica.
    /// </summary>
    public Task RegisterAsync(string service, string instance, Uri baseAddress, string prefix, bool checkHealth = true) =>
        Consul.RegisterServiceAsync(new ServiceRegistration
        {
            Name = service,
            Id = instance,
            Address = baseAddress.Host,
            Port = baseAddress.Port,
            Tags = [$"urlprefix-{prefix}"],
            Check = checkHealth ? new ServiceCheck { Http = new Uri(baseAddress, "/health").ToString(), Interval = "1s", Timeout = "1s" } : null,
        }, Cancellation);

    /// <summary>An echo replica registered as <paramref name="service"/> at <paramref name="prefix"/>, already served through the gateway, its record of requests empty.</summary>
    public async Task<EchoReplica> StartRoutedEchoAsync(string service, string instance, string prefix)
    {
        var echo = await StartEchoAsync(instance);
        await RegisterAsync(service, instance, echo.BaseAddress, prefix);
        await WaitUntilServedByAsync($"{prefix}/warm-up", instance);
        echo.Received.Clear();
        return echo;
    }

    public Task<bool> DeregisterAsync(string instance) => Consul.DeregisterServiceAsync(instance, Cancellation);

    /// <summary>Waits until the gateway has served <paramref name="path"/> from each of <paramref name="instances"/>.</summary>
    public async Task WaitUntilServedByAsync(string path, params string[] instances)
    {
        var seen = new HashSet<string>();
        await Eventually.UntilAsync($"the gateway to serve {path} from {string.Join(", ", instances)}", TimeSpan.FromSeconds(30), async () =>
        {
            using var response = await Client.GetAsync(path);
            if (response.Headers.TryGetValues(ServedBy, out var servedBy))
            {
                seen.Add(servedBy.Single());
            }

            return instances.All(seen.Contains);
        });
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        for (var index = _owned.Count - 1; index >= 0; index--)
        {
            await _owned[index].DisposeAsync();
        }

        Consul.Dispose();
    }

    private T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }
}
