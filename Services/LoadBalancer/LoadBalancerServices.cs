namespace Exam3.LoadBalancer;

/// <summary>The services of the load balancer, one hop from Program.cs.</summary>
internal static class LoadBalancerServices
{
    public static WebApplicationBuilder AddLoadBalancer(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<LoadBalancerOptions>()
            .BindConfiguration(LoadBalancerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LoadBalancerOptions>, LoadBalancerOptionsValidator>();

        // HAProxy runs before the registry is followed, and stops after.
        builder.Services.AddSingleton<BackendSynchronizer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BackendSynchronizer>());
        builder.Services.AddSingleton<RegistryFollower>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RegistryFollower>());
        builder.Services.AddHealthChecks().AddCheck<HaproxyHealthCheck>("haproxy");
        return builder;
    }
}
