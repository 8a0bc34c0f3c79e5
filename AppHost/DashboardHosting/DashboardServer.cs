using Exam3.Dashboard;
using Exam3.Dashboard.Resources;
using Exam3.Hosting;
using Exam3.Hosting.ApplicationModel;
using Exam3.ServiceDefaults.Consul;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exam3.AppHost.DashboardHosting;

/// <summary>
/// The dashboard's own web application (pages and OTLP receivers), started before the resources so that their first telemetry
/// finds it, and stopped after them.
/// </summary>
internal sealed class DashboardServer(
    HostedDashboard dashboard,
    ResourceCatalog catalog,
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IConfiguration configuration) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        web.Logging.ClearProviders().AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        // The dashboard announces its own addresses (DashboardLog); its host's lifetime messages would repeat the AppHost's.
        web.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // Dashboard:* settings given to the AppHost (AuthMode, BrowserToken, Otlp:ApiKey) reach the dashboard; its addresses are ours.
        web.Configuration.AddConfiguration(configuration);
        web.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DashboardFrontendOptions.SectionName}:Url"] = dashboard.Endpoints.Browser.ToString(),
            ["Dashboard:Otlp:GrpcUrl"] = dashboard.Endpoints.OtlpGrpc.ToString(),
            ["Dashboard:Otlp:HttpUrl"] = dashboard.Endpoints.OtlpHttp.ToString(),
        });
        web.Services.AddExam3Dashboard();
        web.Services.AddSingleton<IResourceCatalog>(catalog);
        web.Services.AddExam3DashboardRegistry();
        // The Registry page follows the registry this AppHost runs. Options are read on the page's first use, after the
        // registry's port is allocated; before that, Consul's default address is the best guess.
        web.Services.Configure<ConsulOptions>(options => options.Address = RegistryAddress() ?? options.Address);

        _app = web.Build();
        _app.MapExam3Dashboard();
        await _app.StartAsync(cancellationToken);

        var frontend = _app.Services.GetRequiredService<IOptions<DashboardFrontendOptions>>().Value;
        dashboard.LoginUrl = frontend.AuthMode == DashboardAuthMode.BrowserToken
            ? new Uri(dashboard.Endpoints.Browser, $"login?t={frontend.BrowserToken}")
            : dashboard.Endpoints.Browser;
    }

    private Uri? RegistryAddress() =>
        model.Resources.OfType<ConsulRegistryResource>()
            .SelectMany(registry => notifications.Find(registry.Name))
            .SelectMany(replica => replica.Urls)
            .FirstOrDefault();

    public Task StopAsync(CancellationToken cancellationToken) => _app?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
