using Microsoft.Extensions.ServiceDiscovery;

namespace Exam3.ServiceDefaults.Tests.Processes;

/// <summary>
/// A process's HttpClient exactly as AddServiceDefaults() wires it (resilience, then service discovery with the
/// registry's provider), in a host that does not register itself.
/// </summary>
internal sealed class DiscoveringClient : IAsyncDisposable
{
    private readonly IHost _host;

    private DiscoveringClient(IHost host)
    {
        _host = host;
        Http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
    }

    /// <summary>Resolves http://operations and the like through the registry.</summary>
    public HttpClient Http { get; }

    /// <summary>The endpoints the resolver currently gives for <paramref name="service"/>.</summary>
    public async Task<IReadOnlyList<string>> EndpointsAsync(string service) =>
        [.. (await _host.Services.GetRequiredService<ServiceEndpointResolver>()
            .GetEndpointsAsync($"http://{service}", Cancellation)).Endpoints.Select(endpoint => endpoint.ToString()!)];

    /// <param name="registry">The registry's address.</param>
    /// <param name="settings">More configuration, e.g. Aspire's services:name:http:0 variables.</param>
    public static async Task<DiscoveringClient> StartAsync(Uri registry, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "client",
            ["ConnectionStrings:consul"] = registry.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        var host = builder.Build();
        await host.StartAsync(Cancellation);
        return new DiscoveringClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
