using Yarp.ReverseProxy;

namespace Exam3.Gateway.Forwarding;

/// <summary>
/// Lets the registry overrule a quarantine: an instance the registry lists afresh (registered again, on a new
/// address) is a replica that came back, so whatever failed before no longer counts against it.
/// </summary>
internal sealed class QuarantineRelease(IProxyStateLookup proxyState, IDestinationHealthUpdater health)
{
    public void Release(string service, IEnumerable<string> instances)
    {
        if (!proxyState.TryGetCluster(service, out var cluster))
        {
            return;
        }

        foreach (var instance in instances)
        {
            if (cluster.Destinations.TryGetValue(instance, out var destination) && destination.Health.Passive == DestinationHealth.Unhealthy)
            {
                health.SetPassive(cluster, destination, DestinationHealth.Unknown, TimeSpan.Zero);
            }
        }
    }
}
