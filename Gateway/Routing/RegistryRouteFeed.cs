using Exam3.Gateway.Forwarding;
using Exam3.ServiceDefaults;

namespace Exam3.Gateway.Routing;

/// <summary>
/// Keeps YARP's routes equal to what the registry says. It follows the catalog and, for every service with a route
/// tag, the service's passing instances, all through the shared blocking-query watches; any change rebuilds the
/// whole configuration and hands it to YARP, which applies it to new requests only.
/// </summary>
internal sealed partial class RegistryRouteFeed(
    ConsulWatches watches,
    RegistryEndpoint registryEndpoint,
    InMemoryConfigProvider proxy,
    QuarantineRelease quarantine,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ServiceInstance self,
    ILogger<RegistryRouteFeed> logger) : BackgroundService
{
    // After an update that failed, how long until the next attempt with what the watches hold then.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // Longer than replicas take to start and register beside the gateway on a busy machine.
    private static readonly TimeSpan NoRouteGrace = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, IReadOnlyList<string>> _remembered = new(StringComparer.Ordinal);
    private readonly HashSet<RejectedRoute> _reported = [];
    private readonly HashSet<string> _refusedInstances = new(StringComparer.Ordinal);
    private readonly RegistryRecovery _recovery = new(options.Value.RegistryRecoveryGrace);
    private IReadOnlyList<RoutedService> _published = [];
    private (string Services, DateTimeOffset Since, bool Reported) _unrouted = ("", DateTimeOffset.MinValue, false);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting; the first blocking queries are already on their way.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                // Wakes at the next change of any watch read (a value, or the registry lost or found again), or when a
                // recovery grace ends or a missing route is due to be reported; nothing else can change the routes.
                var changes = new List<Task>();
                Publish(Read(changes.Add));
                changes.Add(Task.Delay(UntilNextDeadline(), time, wake.Token));
                await Task.WhenAny(changes);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A broken update must not stop the gateway: the last configuration stays in force.
                Log.UpdateFailed(logger, error);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
            finally
            {
                await wake.CancelAsync();
            }
        }
    }

    private List<RoutedService> Read(Action<Task> subscribe)
    {
        // Subscribe before reading, so that a change landing in between still wakes the loop.
        var catalog = watches.Catalog;
        subscribe(catalog.NextChangeAsync(CancellationToken.None));
        var (claims, rejected) = RouteClaims.Read(catalog.Current, _remembered);
        Remember(catalog.Current, claims);
        Report(rejected);
        ReportNoRoutes(catalog.Current, claims);

        var unreachable = catalog.IsStale;
        var services = new List<RoutedService>();
        foreach (var (name, prefixes) in claims)
        {
            var health = watches.HealthyInstances(name);
            subscribe(health.NextChangeAsync(CancellationToken.None));
            unreachable |= health.IsStale;
            services.Add(new RoutedService(name, prefixes, [.. (health.Current?.Instances ?? []).Where(IsRoutable)]));
        }

        return [.. _recovery.Apply(services, _published, unreachable, time.GetUtcNow())];
    }

    // The next moment the routes may change without any watch changing.
    private TimeSpan UntilNextDeadline()
    {
        DateTimeOffset?[] deadlines =
        [
            _recovery.GraceEnds,
            _unrouted.Services.Length > 0 && !_unrouted.Reported ? _unrouted.Since + NoRouteGrace : null,
        ];
        return deadlines.Min() is { } next
            ? TimeSpan.FromTicks(Math.Max(0, (next - time.GetUtcNow()).Ticks))
            : Timeout.InfiniteTimeSpan;
    }

    private bool IsRoutable(RegisteredInstance instance)
    {
        if (!registryEndpoint.IsRegistry(instance))
        {
            return true;
        }

        if (_refusedInstances.Add(instance.Id))
        {
            Log.RegistryInstanceRefused(logger, instance.Id, instance.Service, instance.Address, instance.Port);
        }

        return false;
    }

    private void Remember(CatalogServices? catalog, IReadOnlyDictionary<string, IReadOnlyList<string>> claims)
    {
        foreach (var (name, prefixes) in claims)
        {
            _remembered[name] = prefixes;
        }

        // A service still listed that dropped its route tags loses its route for good.
        foreach (var name in (catalog?.Services.Keys ?? []).Where(name => !claims.ContainsKey(name)))
        {
            _remembered.Remove(name);
        }
    }

    private void Report(IReadOnlyList<RejectedRoute> rejected)
    {
        foreach (var route in rejected.Where(_reported.Add))
        {
            Log.RouteRejected(logger, route.Service, route.Tag, route.Reason);
        }
    }

    // Services but no route at all: every request answers 404, and the services' logs say nothing. The registry and
    // the gateway itself are never routed, so they do not count. While a distribution starts, the load balancer may
    // register before any replica: only a state that lasts is worth a warning, given once for each list of services.
    private void ReportNoRoutes(CatalogServices? catalog, IReadOnlyDictionary<string, IReadOnlyList<string>> claims)
    {
        var unrouted = claims.Count > 0
            ? ""
            : string.Join(", ", (catalog?.Services.Keys ?? []).Where(name => name != RouteClaims.RegistryService && name != self.ServiceName).Order(StringComparer.Ordinal));
        var now = time.GetUtcNow();
        if (unrouted != _unrouted.Services)
        {
            _unrouted = (unrouted, now, false);
        }
        else if (unrouted.Length > 0 && !_unrouted.Reported && now - _unrouted.Since >= NoRouteGrace)
        {
            Log.NoRoutes(logger, unrouted, RoutePrefix.TagPrefix, NoRouteGrace.TotalSeconds);
            _unrouted = _unrouted with { Reported = true };
        }
    }

    private void Publish(List<RoutedService> services)
    {
        if (services.SequenceEqual(_published))
        {
            return;
        }

        var (routes, clusters) = ProxyConfigFactory.Build(services, options.Value.FailedDestinationQuarantine);
        proxy.Update(routes, clusters);
        ReleaseRelisted(services);
        _published = services;
        Log.RoutesUpdated(logger, services.Count == 0
            ? "none"
            : string.Join("; ", services.Select(service =>
                $"{string.Join(", ", service.Prefixes)} -> {service.Name} [{string.Join(", ", service.Instances.Select(instance => instance.Id))}]")),
            _recovery.IsBridging);
    }

    private void ReleaseRelisted(List<RoutedService> services)
    {
        var before = _published.ToDictionary(service => service.Name, StringComparer.Ordinal);
        foreach (var service in services)
        {
            var known = before.TryGetValue(service.Name, out var old) ? old.Instances : [];
            var relisted = service.Instances.Where(instance => known.Any(previous => previous.Id == instance.Id && !previous.Equals(instance)));
            quarantine.Release(service.Name, relisted.Select(instance => instance.Id));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Routes from the registry: {Routes} (bridging a registry restart: {Bridging}).")]
        public static partial void RoutesUpdated(ILogger logger, string routes, bool bridging);

        [LoggerMessage(2, LogLevel.Warning, "Service {Service} asks for route {Tag}, which is not routed: {Reason}.")]
        public static partial void RouteRejected(ILogger logger, string service, string tag, string reason);

        [LoggerMessage(3, LogLevel.Error, "Updating the routes from the registry failed; the previous routes stay in force.")]
        public static partial void UpdateFailed(ILogger logger, Exception error);

        [LoggerMessage(4, LogLevel.Warning, "The registry has listed {Services} for {Seconds} s but none has a {TagPrefix} tag, so the gateway has no route and answers 404 to every request.")]
        public static partial void NoRoutes(ILogger logger, string services, string tagPrefix, double seconds);

        [LoggerMessage(5, LogLevel.Warning, "Instance {Instance} of {Service} is registered at {Address}:{Port}, the registry's own address; the gateway never routes to it.")]
        public static partial void RegistryInstanceRefused(ILogger logger, string instance, string service, string address, int port);
    }
}
