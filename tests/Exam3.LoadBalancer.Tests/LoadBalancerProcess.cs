using System.Net.Http.Json;
using Exam3.LoadBalancer.Apis;

namespace Exam3.LoadBalancer.Tests;

/// <summary>Exam3.LoadBalancer as a real process with its HAProxy on a free port, and clients of both.</summary>
internal sealed class LoadBalancerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _api;
    private readonly TemporaryFolder _state;

    private LoadBalancerProcess(ProjectProcess process, int frontendPort, TemporaryFolder state)
    {
        _state = state;
        Process = process;
        FrontendPort = frontendPort;
        Frontend = new Frontend(frontendPort);
        _api = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public ProjectProcess Process { get; }

    public int FrontendPort { get; }

    public Frontend Frontend { get; }

    /// <summary>Starts a load balancer for <paramref name="service"/>, following <paramref name="registry"/>, and waits until it is ready.</summary>
    public static async Task<LoadBalancerProcess> StartAsync(Uri registry, string service, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var frontendPort = FreePort.Next();
        // A folder of the test's, because a killed load balancer cannot remove its own.
        var state = new TemporaryFolder();
        var environment = new Dictionary<string, string?>
        {
            ["LoadBalancer__StateDirectory"] = state.Path,
            ["ConnectionStrings__consul"] = registry.ToString(),
            ["LoadBalancer__Service"] = service,
            ["LoadBalancer__Frontend"] = $"127.0.0.1:{frontendPort}",
            // What is under test is what the load balancer reads from the registry, not its own registration.
            ["Consul__Registration__Enabled"] = "false",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var process = ProjectProcess.Start("lb", "Services/LoadBalancer", "Exam3.LoadBalancer", environment: environment);
        var loadBalancer = new LoadBalancerProcess(process, frontendPort, state);
        await process.WaitForHttpAsync("/health", StartTimeout);
        return loadBalancer;
    }

    public async Task<LoadBalancerState> StateAsync(CancellationToken cancellationToken) =>
        await _api.GetFromJsonAsync<LoadBalancerState>("lb/state", cancellationToken)
        ?? throw new InvalidOperationException("GET /lb/state answered null.");

    /// <summary>The instance IDs in the backend's slots, in slot order.</summary>
    public async Task<IReadOnlyList<string>> MembersAsync(CancellationToken cancellationToken) =>
        [.. (await StateAsync(cancellationToken)).Servers.Select(server => server.InstanceId).OfType<string>()];

    public Task<string> ConfigurationAsync(CancellationToken cancellationToken) => _api.GetStringAsync("lb/haproxy.cfg", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Frontend.Dispose();
        _api.Dispose();
        await Process.DisposeAsync();
        _state.Dispose();
    }
}
