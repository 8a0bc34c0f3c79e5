using Exam3.ServiceDefaults;
using Exam3.ServiceDefaults.Consul;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.ServiceDiscovery;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the Consul client, the shared blocking-query watches, self-registration and the endpoint provider.</summary>
public static class ConsulServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ConsulClient"/> and <see cref="ConsulWatches"/>, with the registry's address from
    /// ConnectionStrings:consul, else CONSUL_HTTP_ADDR, else http://127.0.0.1:8500.
    /// </summary>
    public static IServiceCollection AddConsulClient(this IServiceCollection services)
    {
        // Registration and discovery both need the client; its options are configured once.
        if (services.Any(service => service.ServiceType == typeof(ConsulClient)))
        {
            return services;
        }

        services.AddOptions<ConsulOptions>()
            .Configure<IConfiguration>(ConsulOptions.Bind)
            .Validate(options => options.BlockingQueryWait > TimeSpan.Zero, "ConsulOptions.BlockingQueryWait must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<ConsulClient>();
        services.TryAddSingleton<ConsulWatches>();
        return services;
    }

    /// <summary>
    /// Registers this process in the registry once it listens, keeps it registered, and deregisters it first thing on
    /// shutdown; configured by the "Consul:Registration" section (Enabled, Tags, CheckInterval, DrainDelay, ...).
    /// A service opts in by calling it, as with Aspire's client integrations: the registry itself and helper processes
    /// built on the service defaults never register anywhere.
    /// </summary>
    public static TBuilder AddConsulRegistration<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // ExpectRouteTag calls it too; the registration and its options are set up once.
        if (builder.Services.Any(service => service.ImplementationType == typeof(ConsulRegistrationService)))
        {
            return builder;
        }

        builder.AddConsulCheckListeners();
        var services = builder.Services;
        services.AddConsulClient();
        services.TryAddSingleton<ServiceInstance>();
        services.AddOptions<ConsulRegistrationOptions>()
            .BindConfiguration(ConsulRegistrationOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                options => options.Address is null || IsSpecificAddress(options.Address),
                "Consul:Registration:Address must be a host name or a specific IP address; Consul refuses 0.0.0.0 and ::.")
            .Validate(
                options => options.CheckAddress is null || IsSpecificAddress(options.CheckAddress),
                "Consul:Registration:CheckAddress must be a host name or a specific IP address, never 0.0.0.0 or ::.")
            .ValidateOnStart();

        // Shutdown waits for the deregistration and the drain; the host's timeout must leave room for both.
        services.AddOptions<HostOptions>().PostConfigure<IOptions<ConsulRegistrationOptions>>((host, registration) =>
        {
            var needed = ConsulRegistrationService.DeregisterTimeout + registration.Value.DrainDelay + TimeSpan.FromSeconds(10);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        services.AddHostedService<ConsulRegistrationService>();
        return builder;
    }

    /// <summary>
    /// Where Consul:Registration:CheckAddress is set, listens there too, on every port of the "urls" setting
    /// (ASPNETCORE_URLS), so that the registry's check, which calls that address, reaches this process.
    /// </summary>
    private static void AddConsulCheckListeners(this IHostApplicationBuilder builder)
    {
        // The "urls" setting is read by the web host when it starts, before any options exist: this is the one place
        // where the check address is read from configuration rather than from ConsulRegistrationOptions.
        var checkAddress = builder.Configuration[$"{ConsulRegistrationOptions.SectionName}:{nameof(ConsulRegistrationOptions.CheckAddress)}"];
        if (!string.IsNullOrWhiteSpace(checkAddress) && builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            builder.Configuration[WebHostDefaults.ServerUrlsKey] = SelfRegistration.WithCheckListeners(urls, checkAddress);
        }
    }

    /// <summary>
    /// Registers this service (AddConsulRegistration) and declares that it is meant to be reached through the gateway:
    /// a registration without a urlprefix- tag (a lost appsettings.json, a mistyped setting) is logged as a warning at
    /// start.
    /// </summary>
    public static TBuilder ExpectRouteTag<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddConsulRegistration();
        builder.Services.AddHostedService<RouteTagCheck>();
        return builder;
    }

    /// <summary>
    /// Adds the registry as a source of service endpoints for Microsoft.Extensions.ServiceDiscovery: a name that the
    /// configuration ("services__name__http__0") does not resolve resolves to the passing instances in the registry.
    /// </summary>
    public static IServiceCollection AddConsulServiceEndpointProvider(this IServiceCollection services)
    {
        services.AddConsulClient();
        services.AddServiceDiscoveryCore();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, ConsulServiceEndpointProviderFactory>());
        return services;
    }

    private static bool IsSpecificAddress(string address) =>
        IPAddress.TryParse(address.Trim('[', ']'), out var ip)
            ? !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any)
            : Uri.CheckHostName(address) == UriHostNameType.Dns;
}
