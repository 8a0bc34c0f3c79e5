using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Transforms;

namespace Exam3.Gateway.Routing;

/// <summary>Turns what the registry says into YARP's routes and clusters: one cluster per service, one route per prefix.</summary>
internal static class ProxyConfigFactory
{
    /// <summary>The passive health policy that takes a replica out when a connection to it fails.</summary>
    public const string PassiveHealthPolicy = "TransportFailure";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(
        IReadOnlyList<RoutedService> services,
        TimeSpan failedDestinationQuarantine)
    {
        var routes = services.SelectMany(service => service.Prefixes.Select(prefix => Route(service.Name, prefix))).ToList();
        var clusters = services.Select(service => Cluster(service, failedDestinationQuarantine)).ToList();
        return (routes, clusters);
    }

    private static RouteConfig Route(string service, string prefix) =>
        new RouteConfig
        {
            RouteId = $"{service}{prefix}",
            ClusterId = service,
            Match = new RouteMatch { Path = $"{prefix}/{{**remainder}}" },
        }
        // The replica sees /add, not /api/operations/add; X-Forwarded-Prefix tells it where it is mounted.
        .WithTransformPathRemovePrefix(prefix)
        .WithTransformXForwarded(xPrefix: ForwardedTransformActions.Off)
        .WithTransformRequestHeader("X-Forwarded-Prefix", prefix, append: false);

    private static ClusterConfig Cluster(RoutedService service, TimeSpan failedDestinationQuarantine) => new()
    {
        ClusterId = service.Name,
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        HealthCheck = new HealthCheckConfig
        {
            // With no passing instance left the answer is 503, never "panic mode" traffic to failing replicas.
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = PassiveHealthPolicy,
                ReactivationPeriod = failedDestinationQuarantine,
            },
        },
        // The registry's instance ID names the destination, so its health and the round-robin turn survive updates.
        Destinations = service.Instances.DistinctBy(instance => instance.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(
            instance => instance.Id,
            instance => new DestinationConfig { Address = Address(instance) },
            StringComparer.OrdinalIgnoreCase),
    };

    private static string Address(RegisteredInstance instance) =>
        new UriBuilder(Uri.UriSchemeHttp, instance.Address, instance.Port).Uri.ToString();
}
