using Exam3.Gateway.Routing;

namespace Exam3.Gateway.Forwarding;

/// <summary>
/// Takes a replica out of rotation at its first transport failure. YARP's own passive policy waits for a failure
/// rate over many requests; a replica that refuses connections is dead, and every request sent to it costs a retry.
/// It stays out for the cluster's reactivation period, or until the registry lists it afresh: dropped and listed
/// again (a new destination, with a fresh state), or registered again at a new address (<see cref="QuarantineRelease"/>).
/// </summary>
internal sealed partial class TransportFailureHealthPolicy(IDestinationHealthUpdater health, ILogger<TransportFailureHealthPolicy> logger)
    : IPassiveHealthCheckPolicy
{
    public string Name => ProxyConfigFactory.PassiveHealthPolicy;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var error = context.GetForwarderErrorFeature();
        if (error is null || !TransportFailures.MeansReplicaDown(error) || destination.Health.Passive == DestinationHealth.Unhealthy)
        {
            return;
        }

        var quarantine = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(10);
        Log.ReplicaDown(logger, destination.DestinationId, cluster.ClusterId, quarantine.TotalSeconds, error.Exception?.Message);
        health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, quarantine);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Instance {Instance} of {Service} failed at the transport level; left out for {Seconds} s or until the registry lists it afresh. {Error}")]
        public static partial void ReplicaDown(ILogger logger, string instance, string service, double seconds, string? error);
    }
}
