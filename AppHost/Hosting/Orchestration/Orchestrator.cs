using Exam3.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exam3.Hosting.Orchestration;

/// <summary>
/// Plans every replica (names, ports, environment), starts them all (each waits for its own dependencies), and stops them in
/// <see cref="ShutdownOrder"/> when the host stops.
/// </summary>
internal sealed partial class Orchestrator(
    DistributedApplicationModel model,
    PortAllocator ports,
    ProcessLauncher launcher,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IOptions<AppHostOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    IServiceProvider services,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    private readonly ILogger _logger = loggers.CreateLogger("Exam3.AppHost");
    private readonly HealthProbe _probe = new();
    private readonly Lock _lock = new();
    private IReadOnlyList<ReplicaSupervisor>? _replicas;

    /// <summary>Decides names, ports and environments once; a busy fixed port fails here, before any process starts.</summary>
    public IReadOnlyList<ReplicaSupervisor> Prepare()
    {
        lock (_lock)
        {
            return _replicas ??= Plan();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var replicas = Prepare();
        foreach (var registry in model.Resources.OfType<ConsulRegistryResource>())
        {
            Log.Registry(_logger, registry.Name, registry.Type, registry.Source);
        }

        return Task.WhenAll(replicas.Select(replica => replica.StartAsync()));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var group in ShutdownOrder.Of(model.Resources))
        {
            var names = string.Join(", ", group.Select(resource => resource.Name));
            Log.StoppingGroup(_logger, names);
            await Task.WhenAll(Prepare().Where(replica => group.Contains(replica.Plan.Resource)).Select(replica => replica.StopAsync()));
        }
    }

    /// <summary>The replicas <paramref name="name"/> designates: all of a resource, or one replica.</summary>
    public IReadOnlyList<ReplicaSupervisor> Find(string name)
    {
        var matches = Prepare().Where(replica => replica.Plan.Name == name || replica.Plan.Resource.Name == name).ToList();
        return matches.Count > 0 ? matches : throw new ArgumentException($"No resource or replica is named '{name}'.", nameof(name));
    }

    public void Dispose()
    {
        foreach (var replica in _replicas ?? [])
        {
            replica.Dispose();
        }

        _probe.Dispose();
    }

    private List<ReplicaSupervisor> Plan()
    {
        if (services.GetService(typeof(HostedDashboard)) is HostedDashboard dashboard)
        {
            ports.Fixed(dashboard.Endpoints.Browser.Port, "dashboard");
            ports.Fixed(dashboard.Endpoints.OtlpGrpc.Port, "otlp-grpc");
            ports.Fixed(dashboard.Endpoints.OtlpHttp.Port, "otlp-http");
        }

        var endpoints = model.Resources.ToDictionary(resource => resource, PlanEndpoints);
        IReadOnlyList<string> UrlsOf(Resource resource) => [.. endpoints[resource].Select(replica => replica.Endpoint.Url)];

        var replicas = new List<ReplicaSupervisor>();
        foreach (var (resource, planned) in endpoints)
        {
            foreach (var (name, endpoint) in planned)
            {
                var more = resource.EndpointVariables
                    .Select(extra => KeyValuePair.Create(extra.Variable, new ReplicaEndpoint(Port(extra.Name, extra.DefaultPort))))
                    .ToList();
                var variables = EnvironmentConventions.For(resource, name, endpoint, more, UrlsOf, options.Value, environment.EnvironmentName);
                var plan = new ReplicaPlan(resource, name, endpoint, [.. more.Select(extra => extra.Value)], variables);
                replicas.Add(new ReplicaSupervisor(plan, launcher, _probe, notifications, logs, options.Value, _logger));
            }
        }

        foreach (var replica in replicas)
        {
            replica.PublishInitialState();
        }

        return replicas;
    }

    private List<(string Name, ReplicaEndpoint Endpoint)> PlanEndpoints(Resource resource)
    {
        if (resource.Replicas > 1 && (resource.FixedPort is not null || resource.EndpointVariables.Count > 0))
        {
            throw new DistributedApplicationException(
                $"'{resource.Name}' has {resource.Replicas} replicas; they cannot all listen on the same fixed ports.");
        }

        return [.. Enumerable.Range(0, resource.Replicas).Select(_ =>
        {
            var name = resource.Replicas == 1 ? resource.Name : $"{resource.Name}-{Suffix()}";
            return (name, new ReplicaEndpoint(Port(resource.Name, resource.FixedPort)));
        })];
    }

    // A declared default is fixed, unless configuration Ports:<name> moves it or the harness randomizes every port;
    // without one, a free port.
    private int Port(string name, int? declared) =>
        (options.Value.RandomizePorts ? null : declared is null ? null : configuration.GetValue<int?>($"Ports:{name}") ?? declared) is { } port
            ? ports.Fixed(port, name)
            : ports.Free();

    // DCP's replica suffix: 8 random lowercase letters.
    private static string Suffix() => new([.. Enumerable.Range(0, 8).Select(_ => Letters[Random.Shared.Next(Letters.Length)])]);

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Registry '{Name}': {Type}, from {Source}")]
        public static partial void Registry(ILogger logger, string name, string type, string source);

        [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Stopping {Resources}")]
        public static partial void StoppingGroup(ILogger logger, string resources);
    }
}
