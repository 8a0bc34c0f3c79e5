using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Exam3.ServiceDefaults.Tests.Processes;

/// <summary>
/// A stand-in instance of operations inside the test, whose /health the test turns failing while it goes on
/// answering /info: so the test sees whether a client still sends it requests once the registry marks it critical.
/// </summary>
internal sealed class FlippableInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile bool _healthy = true;

    private FlippableInstance(WebApplication app, string id)
    {
        _app = app;
        Id = id;
    }

    public string Id { get; }

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public void FailHealth() => _healthy = false;

    public static async Task<FlippableInstance> StartAsync(string id)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var instance = new FlippableInstance(app, id);
        app.MapGet("/health", () => instance._healthy ? Results.Text("Healthy") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/info", () => Results.Json(new { instance = id }));
        await app.StartAsync(Cancellation);
        return instance;
    }

    /// <summary>Registers it as an instance of operations, with an HTTP check every second.</summary>
    public Task RegisterWithAsync(RegistryProcess registry) => registry.RegisterAsync(new
    {
        Name = OperationsReplica.ServiceName,
        ID = Id,
        Address = Address.Host,
        Port = Address.Port,
        Check = new { HTTP = new Uri(Address, "/health").ToString(), Interval = "1s", Timeout = "1s" },
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
