using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// Registers this process in the registry once it listens, keeps it registered (a restarted registry forgets it;
/// one that is down at start is retried), and on shutdown deregisters first, then keeps serving for a short drain.
/// </summary>
internal sealed partial class ConsulRegistrationService(
    ConsulClient client,
    ServiceInstance instance,
    IServiceProvider services,
    IOptions<ConsulRegistrationOptions> options,
    ILogger<ConsulRegistrationService> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>A deregistration must not hold shutdown hostage to a registry that does not answer.</summary>
    internal static readonly TimeSpan DeregisterTimeout = TimeSpan.FromSeconds(3);

    private readonly ConsulRegistrationOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private Task _keepRegistered = Task.CompletedTask;
    private ServiceRegistration? _registration;
    private volatile bool _registrationSent;
    private volatile bool _everRegistered;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // After every StartAsync, so the server is listening and knows its real port.
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            Log.Disabled(logger, ConsulRegistrationOptions.SectionName);
            return Task.CompletedTask;
        }

        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var advertised = SelfRegistration.AdvertisedUri(listening, _options.Address, _options.CheckAddress);
        if (advertised is null)
        {
            Log.NothingListens(logger, instance.ServiceName);
            return Task.CompletedTask;
        }

        _registration = SelfRegistration.Describe(
            instance.ServiceName, instance.Id, instance.Version, advertised, Extensions.HealthEndpointPath, _options);
        _keepRegistered = Task.Run(() => KeepRegisteredAsync(_registration, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    // The first step of shutdown, before any server stops: leave the registry, then drain while still serving.
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _keepRegistered.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // A registration cut short by shutdown may still have reached the registry: deregister all the same.
        if (_registration is null || !_registrationSent)
        {
            return;
        }

        await DeregisterAsync(_registration, cancellationToken);
        if (_everRegistered)
        {
            await RetryBackoff.DelayQuietly(_options.DrainDelay, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task KeepRegisteredAsync(ServiceRegistration registration, CancellationToken token)
    {
        var known = false;
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (!known)
                {
                    var current = registration with { Check = registration.Check! with { Status = await StatusNowAsync(token) } };
                    _registrationSent = true;
                    await client.RegisterServiceAsync(current, token);
                    LogRegistered(registration, again: _everRegistered);
                    known = _everRegistered = true;
                }
                else if (!await client.IsServiceRegisteredAsync(registration.Id, token))
                {
                    Log.Forgotten(logger, registration.Id, client.Address);
                    known = false;
                    continue;
                }

                if (failures > 0)
                {
                    Log.Recovered(logger, client.Address, failures);
                    failures = 0;
                }

                await Task.Delay(_options.VerifyInterval, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is HttpRequestException or TimeoutException or ConsulException)
            {
                if (failures++ == 0)
                {
                    Log.Unreachable(logger, registration.Id, client.Address, error.Message);
                }

                // Whatever the registry knew may be gone by the time it answers again; registering is an upsert.
                known = false;
                await RetryBackoff.DelayQuietly(RetryBackoff.After(failures), token);
            }
        }
    }

    // Consul starts a new check critical and runs it first at a random moment within its interval (2 s by default),
    // so a replica that already serves would get no traffic for a while. The registration says what the health
    // endpoint answers now instead, through Check.Status as Consul allows; the registry's own checks take over from there.
    // Health checks that hang or throw must not hold up the registration: it then goes without a status, so critical.
    private async Task<string?> StatusNowAsync(CancellationToken token)
    {
        if (services.GetService<HealthCheckService>() is not { } health)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(_options.CheckTimeout);
        try
        {
            return SelfRegistration.InitialCheckStatus((await health.CheckHealthAsync(deadline.Token)).Status);
        }
        catch (Exception error) when (!token.IsCancellationRequested)
        {
            Log.HealthUnknown(logger, instance.Id, error.Message);
            return null;
        }
    }

    private async Task DeregisterAsync(ServiceRegistration registration, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(DeregisterTimeout);
        try
        {
            var removed = await client.DeregisterServiceAsync(registration.Id, deadline.Token);
            Log.Deregistered(logger, registration.Id, removed, _options.DrainDelay.TotalSeconds);
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutException or ConsulException or OperationCanceledException)
        {
            // The check turning critical will take the instance out of rotation instead; shutdown goes on.
            Log.DeregisterFailed(logger, registration.Id, client.Address, error.Message);
        }
    }

    private void LogRegistered(ServiceRegistration registration, bool again)
    {
        if (again)
        {
            Log.Reregistered(logger, registration.Id, client.Address);
        }
        else
        {
            Log.Registered(logger, registration.Id, registration.Name, registration.Address, registration.Port, client.Address, registration.Tags);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Registered {InstanceId} as {Service} at {Address}:{Port} with the registry at {Registry}; tags: {Tags}.")]
        public static partial void Registered(ILogger logger, string instanceId, string service, string address, int port, Uri registry, IReadOnlyList<string> tags);

        [LoggerMessage(2, LogLevel.Information, "Registered {InstanceId} again with the registry at {Registry}.")]
        public static partial void Reregistered(ILogger logger, string instanceId, Uri registry);

        [LoggerMessage(3, LogLevel.Warning, "The registry at {Registry} no longer knows {InstanceId} (it restarted?); registering again.")]
        public static partial void Forgotten(ILogger logger, string instanceId, Uri registry);

        [LoggerMessage(4, LogLevel.Warning, "Cannot register {InstanceId} with the registry at {Registry}; the service keeps serving and retries. {Error}")]
        public static partial void Unreachable(ILogger logger, string instanceId, Uri registry, string error);

        [LoggerMessage(5, LogLevel.Information, "The registry at {Registry} answers again after {Failures} failed attempts.")]
        public static partial void Recovered(ILogger logger, Uri registry, int failures);

        [LoggerMessage(6, LogLevel.Information, "Deregistered {InstanceId} (known to the registry: {WasKnown}); serving {DrainSeconds} s more before stopping.")]
        public static partial void Deregistered(ILogger logger, string instanceId, bool wasKnown, double drainSeconds);

        [LoggerMessage(7, LogLevel.Warning, "Could not deregister {InstanceId} from the registry at {Registry}; its check will fail instead. {Error}")]
        public static partial void DeregisterFailed(ILogger logger, string instanceId, Uri registry, string error);

        [LoggerMessage(8, LogLevel.Information, "Registration in the registry is off ({Section}:Enabled = false).")]
        public static partial void Disabled(ILogger logger, string section);

        [LoggerMessage(9, LogLevel.Warning, "{Service} listens on no HTTP address, so it does not register in the registry.")]
        public static partial void NothingListens(ILogger logger, string service);

        [LoggerMessage(10, LogLevel.Warning, "The health of {InstanceId} could not be read for its registration, whose check starts critical. {Error}")]
        public static partial void HealthUnknown(ILogger logger, string instanceId, string error);
    }
}
