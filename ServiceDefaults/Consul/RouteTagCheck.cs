namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// For a service that is meant to be reached through the gateway: warns at start when its registration carries no
/// route tag, which leaves the gateway answering 404 with nothing in any log saying why. A lost appsettings.json is
/// the usual cause, so the message names the folder the configuration was read from.
/// </summary>
internal sealed partial class RouteTagCheck(
    IOptions<ConsulRegistrationOptions> options,
    ServiceInstance instance,
    IHostEnvironment environment,
    ILogger<RouteTagCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var registration = options.Value;
        if (registration.Enabled && !registration.Tags.Any(tag => tag.Trim().StartsWith(SelfRegistration.RouteTagPrefix, StringComparison.Ordinal)))
        {
            Log.NoRouteTag(logger, instance.ServiceName, ConsulRegistrationOptions.SectionName, environment.ContentRootPath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Service} registers without a urlprefix- tag in {Section}:Tags, so the gateway routes nothing to it. Is appsettings.json missing from the content root {ContentRoot}?")]
        public static partial void NoRouteTag(ILogger logger, string service, string section, string contentRoot);
    }
}
