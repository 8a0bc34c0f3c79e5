using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Exam3.LoadBalancer.Backend;

/// <summary>The load balancer is ready when HAProxy answers its runtime API; the replicas it serves are reported, not required.</summary>
internal sealed class HaproxyHealthCheck(BackendSynchronizer synchronizer, IOptions<LoadBalancerOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = await synchronizer.RuntimeApi.ShowServersAsync(options.Value.Service, cancellationToken);
            var up = servers.Count(server => server.Status.StartsWith("UP", StringComparison.Ordinal));
            return HealthCheckResult.Healthy($"HAProxy serves {options.Value.Service} with {up} replicas up.");
        }
        catch (HaproxyException error)
        {
            return HealthCheckResult.Unhealthy("HAProxy does not answer its runtime API.", error);
        }
    }
}
