using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Exam3.Discovery.Tests;

/// <summary>
/// A real HTTP server on a free loopback port for checks to probe. /health answers <see cref="StatusCode"/> with
/// <see cref="Body"/>; /slow answers only after <see cref="SlowFor"/>.
/// </summary>
public sealed class TargetServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TargetServer(WebApplication app) => _app = app;

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string Body { get; set; } = "ok";

    public TimeSpan SlowFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many probes reached /health, with their User-Agent.</summary>
    public List<string> ProbeAgents { get; } = [];

    public Uri BaseAddress { get; private set; } = null!;

    public string HealthUrl => new Uri(BaseAddress, "/health").ToString();

    public static async Task<TargetServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var target = new TargetServer(app);
        app.MapGet("/health", (HttpContext http) =>
        {
            lock (target.ProbeAgents)
            {
                target.ProbeAgents.Add(http.Request.Headers.UserAgent.ToString());
            }

            return Results.Text(target.Body, "text/plain", statusCode: target.StatusCode);
        });
        app.MapGet("/slow", async (CancellationToken aborted) =>
        {
            await Task.Delay(target.SlowFor, aborted);
            return Results.Text("late");
        });
        await app.StartAsync(Cancellation);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        target.BaseAddress = new Uri(address);
        return target;
    }

    public async Task StopAsync() => await _app.StopAsync(Cancellation);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
