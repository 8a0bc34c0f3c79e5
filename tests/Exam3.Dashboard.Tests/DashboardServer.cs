using Exam3.Dashboard.Telemetry;
using Exam3.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exam3.Dashboard.Tests;

/// <summary>The dashboard as the AppHost hosts it, in this process, on free loopback ports.</summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri ui, Uri grpc, Uri http)
    {
        _app = app;
        UiUrl = ui;
        GrpcUrl = grpc;
        HttpUrl = http;
    }

    public Uri UiUrl { get; }

    public Uri GrpcUrl { get; }

    public Uri HttpUrl { get; }

    public TelemetryStore Store => _app.Services.GetRequiredService<TelemetryStore>();

    public string BrowserToken => _app.Services.GetRequiredService<IOptions<DashboardFrontendOptions>>().Value.BrowserToken!;

    /// <summary>A browser: keeps cookies, does not follow redirects, so tests see them.</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = UiUrl };

    public static async Task<DashboardServer> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Production")
    {
        var ui = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var grpc = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var http = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:Frontend:Url"] = ui.ToString(),
            ["Dashboard:Otlp:GrpcUrl"] = grpc.ToString(),
            ["Dashboard:Otlp:HttpUrl"] = http.ToString(),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddExam3Dashboard();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapExam3Dashboard();
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new DashboardServer(app, ui, grpc, http);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
