using Microsoft.Extensions.DependencyInjection;

namespace Exam3.EndToEnd.Tests;

/// <summary>
/// The real AppHost, started through Aspire.Hosting.Testing on ports of its own: DCP randomizes the proxied ports (8500
/// and the dashboard's, whose real address is its resource's endpoint), and the gateway's, HAProxy's and the OTLP
/// endpoints are free ports here, so a test never reaches a distribution that a developer runs beside it, nor another
/// test's.
/// </summary>
internal static class Distribution
{
    /// <summary>The replicated service and how many replicas the AppHost declares.</summary>
    public const string Operations = "operations";

    public const int ReplicaCount = 3;

    // The AppHost's setting for where its dashboard keeps its data: "Run" (the default) in the user's home, "None" in a
    // temporary directory that the dashboard deletes when it stops.
    private const string DashboardPersistenceMode = "Aspire:Dashboard:PersistenceMode";

    /// <summary>The resources that run as one process each: the registry, the gateway and the load balancer.</summary>
    public static readonly IReadOnlyList<string> Singletons = ["consul", "gateway", "lb"];

    /// <summary>
    /// Builds and starts the AppHost with <paramref name="settings"/> (key=value, as on its command line), and waits
    /// until the gateway and the load balancer are healthy.
    /// </summary>
    public static async Task<DistributedApplication> StartAsync(bool withDashboard, CancellationToken cancellationToken, params string[] settings)
    {
        string[] args =
        [
            $"ASPNETCORE_URLS=http://127.0.0.1:{FreePort.Next()}",
            $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort.Next()}",
            $"ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:{FreePort.Next()}",
            // The gateway and HAProxy bind their ports themselves, without DCP's proxy to randomize them.
            $"Gateway:Port={FreePort.Next()}",
            $"LoadBalancer:Port={FreePort.Next()}",
            // Aspire's dashboard keeps each run's telemetry and logs under ~/.aspire/dashboard/runs, the last 10 runs,
            // which its "Select run" list offers; a test's dashboard would push a developer's own runs out of it.
            $"{DashboardPersistenceMode}=None",
            .. settings,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Exam3_AppHost>(
            args, (options, _) => options.DisableDashboard = !withDashboard, cancellationToken);
        if (!withDashboard)
        {
            // Nobody receives telemetry: a service would spend its exporter's 10 s timeout flushing to nowhere on every
            // stop, longer than DCP waits for a process to end. The service defaults export only when this is set.
            foreach (var resource in builder.Resources.OfType<IResourceWithEnvironment>())
            {
                resource.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT")));
            }
        }

        var app = await builder.BuildAsync(cancellationToken);
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(Timeouts.Startup);
            await app.StartAsync(startup.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("lb", startup.Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the registry's HTTP API, with the management token the AppHost made for this run.</summary>
    public static HttpClient CreateRegistryClient(this DistributedApplication app)
    {
        var registry = app.CreateHttpClient("consul");
        var consul = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IConsulResource>().Single();
        registry.DefaultRequestHeaders.Add("X-Consul-Token", consul.ManagementToken);
        return registry;
    }

    /// <summary>A client of HAProxy's frontend, which is a tcp endpoint (HAProxy, not Kestrel, binds it) speaking HTTP.</summary>
    public static HttpClient CreateHaproxyClient(this DistributedApplication app)
    {
        var loadBalancer = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IResourceWithEndpoints>().Single(resource => resource.Name == "lb");
        var frontend = loadBalancer.GetEndpoint("frontend");
        return new HttpClient { BaseAddress = new Uri($"http://{frontend.Host}:{frontend.Port}/") };
    }
}
