using Exam3.ServiceDefaults.Consul;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the Consul client and the shared blocking-query watches.</summary>
public static class ConsulServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ConsulClient"/> and <see cref="ConsulWatches"/>, with the registry's address from
    /// ConnectionStrings:consul, else CONSUL_HTTP_ADDR, else http://127.0.0.1:8500.
    /// </summary>
    public static IServiceCollection AddConsulClient(this IServiceCollection services)
    {
        services.AddOptions<ConsulOptions>()
            .Configure<IConfiguration>(ConsulOptions.Bind)
            .Validate(options => options.BlockingQueryWait > TimeSpan.Zero, "ConsulOptions.BlockingQueryWait must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<ConsulClient>();
        services.TryAddSingleton<ConsulWatches>();
        return services;
    }
}
