using System.Net;
using System.Net.Sockets;
using Exam3.ServiceDefaults.Consul;

namespace Exam3.LoadBalancer.Backend;

/// <summary>
/// consul-template's part: follows the passing instances of the balanced service with a blocking query and hands
/// every change to the synchronizer at once. While the registry is unreachable the last known backend stays.
/// </summary>
internal sealed partial class RegistryFollower(
    ConsulWatches watches,
    BackendSynchronizer synchronizer,
    IOptions<LoadBalancerOptions> options,
    ILogger<RegistryFollower> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly string _service = options.Value.Service;

    /// <summary>True while the registry cannot be reached and the backend may be out of date.</summary>
    public bool IsRegistryStale => watches.HealthyInstances(_service).IsStale;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = watches.HealthyInstances(_service);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before reading the value, so that a change in between completes it rather than being missed.
            var changed = watch.NextChangeAsync(CancellationToken.None);
            var retry = false;
            if (watch.Current is { } healthy)
            {
                try
                {
                    await synchronizer.ApplyAsync(await ResolveAsync(healthy, stoppingToken), stoppingToken);
                }
                catch (Exception error) when (error is HaproxyException or IOException)
                {
                    Log.ApplyFailed(logger, _service, error);
                    retry = true;
                }
            }

            await WaitAsync(changed, retry ? RetryDelay : Timeout.InfiniteTimeSpan, stoppingToken);
        }
    }

    // HAProxy's runtime API takes IP addresses only; a registration may carry a host name.
    private async Task<IReadOnlyCollection<BackendMember>> ResolveAsync(HealthyInstances healthy, CancellationToken cancellationToken)
    {
        var members = new List<BackendMember>();
        foreach (var instance in healthy.Instances)
        {
            var address = IPAddress.TryParse(instance.Address, out var literal) ? literal : await LookUpAsync(instance, cancellationToken);
            if (address is not null && instance.Port is > 0 and <= IPEndPoint.MaxPort)
            {
                members.Add(new BackendMember(instance.Id, address, instance.Port));
            }
        }

        return members;
    }

    private async Task<IPAddress?> LookUpAsync(RegisteredInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(instance.Address, cancellationToken);
            return addresses.OrderBy(address => address.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault();
        }
        catch (SocketException error)
        {
            Log.Unresolvable(logger, instance.Id, instance.Address, error.Message);
            return null;
        }
    }

    private static async Task WaitAsync(Task changed, TimeSpan timeout, CancellationToken stoppingToken)
    {
        try
        {
            await changed.WaitAsync(timeout, stoppingToken);
        }
        catch (TimeoutException)
        {
            // Time to retry a failed apply with the same value.
        }
        catch (OperationCanceledException)
        {
            // Stopping; the loop condition ends it.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Could not bring HAProxy's backend of {Service} in line with the registry; retrying.")]
        public static partial void ApplyFailed(ILogger logger, string service, Exception error);

        [LoggerMessage(2, LogLevel.Warning, "Instance {Id} is registered at '{Address}', which does not resolve; it stays out of the backend. {Error}")]
        public static partial void Unresolvable(ILogger logger, string id, string address, string error);
    }
}
