using Exam3.Discovery.Api;
using Exam3.Discovery.Checks;
using Exam3.Discovery.Sessions;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Exam3.Discovery;

/// <summary>The registry's services and pipeline, one hop from Program.cs.</summary>
internal static class DiscoveryServices
{
    public static WebApplicationBuilder AddDiscoveryServices(this WebApplicationBuilder builder)
    {
        // `consul agent -dev` listens on 127.0.0.1:8500.
        builder.UseDefaultUrl(DiscoveryOptions.DefaultUrl);

        builder.Services.AddOptions<DiscoveryOptions>()
            .BindConfiguration(DiscoveryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<DiscoveryOptions>>().Value);
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<DiscoveryOptions>>((kestrel, discovery) => kestrel.Limits.MaxRequestBodySize = discovery.Value.MaxRequestBodyBytes);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<DiscoveryOptions>();
            // A dev agent makes up a random node ID at every start; so do we.
            return new ConsulRegistry(RegistryState.Initial(Guid.NewGuid().ToString(), options.NodeName, options.NodeAddress, options.Datacenter));
        });
        builder.Services.AddSingleton<Registrations>();
        builder.Services.AddSingleton<RequestBody>();
        builder.Services.AddSingleton<Probes>();
        builder.Services.AddSingleton<CheckResults>();
        builder.Services.AddSingleton<CheckScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CheckScheduler>());
        builder.Services.AddSingleton<CriticalReaper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CriticalReaper>());
        builder.Services.AddSingleton<SessionReaper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SessionReaper>());
        return builder;
    }

    public static WebApplication UseConsulAgent(this WebApplication app)
    {
        app.UseMiddleware<DeclaredBodyLimit>();
        app.UseMiddleware<ConsulAgentMiddleware>();
        return app;
    }

    /// <summary>Every Consul endpoint the registry answers, and Consul's 404 for the rest of /v1.</summary>
    public static WebApplication MapConsulApi(this WebApplication app)
    {
        app.MapAgentApi();
        app.MapHealthApi();
        app.MapCatalogApi();
        app.MapStatusApi();
        app.MapKvApi();
        app.MapSessionApi();
        app.MapTxnApi();
        app.MapAclApi();
        app.MapUnknownApiPaths();
        return app;
    }
}
