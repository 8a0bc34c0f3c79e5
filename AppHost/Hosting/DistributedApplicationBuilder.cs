using System.Text.RegularExpressions;
using Exam3.Hosting.ApplicationModel;
using Exam3.Hosting.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exam3.Hosting;

/// <summary>
/// Declares the distribution's resources and builds the <see cref="DistributedApplication"/> that runs them, on the generic
/// host: its configuration (command line, environment), its services (where the dashboard plugs in) and its lifetime (Ctrl+C).
/// </summary>
public sealed partial class DistributedApplicationBuilder
{
    // The testing harness captures the builder a Program declares instead of letting it run (Aspire.Hosting.Testing's way).
    private static readonly AsyncLocal<Action<DistributedApplicationBuilder>?> Capture = new();

    private readonly HostApplicationBuilder _host;
    private readonly List<Resource> _resources = [];
    private Action<DistributedApplicationBuilder>? _capture;
    private DashboardEndpoints? _dashboardEndpoints;

    private DistributedApplicationBuilder(string[] args)
    {
        _host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        _host.Logging.ClearProviders().AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        _capture = Capture.Value;
    }

    public IConfigurationManager Configuration => _host.Configuration;

    /// <summary>The host's services: what hosts the dashboard adds itself here.</summary>
    public IServiceCollection Services => _host.Services;

    public IHostEnvironment Environment => _host.Environment;

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>The dashboard's addresses: fixed defaults, overridable with Ports:dashboard / otlp-grpc / otlp-http, free in tests.</summary>
    public DashboardEndpoints DashboardEndpoints => _dashboardEndpoints ??= new(
        DashboardUri("dashboard", DashboardEndpoints.DefaultBrowserPort),
        DashboardUri("otlp-grpc", DashboardEndpoints.DefaultOtlpGrpcPort),
        DashboardUri("otlp-http", DashboardEndpoints.DefaultOtlpHttpPort));

    /// <summary>Starts declaring a distribution; <paramref name="args"/> are the command line (e.g. --Ports:gateway=9090).</summary>
    public static DistributedApplicationBuilder Create(string[] args) => new(args);

    /// <summary>True when <paramref name="program"/> is on PATH or in an sbin folder: for resources that run only where installed.</summary>
    public static bool IsInstalled(string program) => ExecutableSearch.IsInstalled(program);

    /// <summary>Adds a resource under a unique DNS-style name (lowercase letters, digits, hyphens).</summary>
    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (!ResourceName().IsMatch(resource.Name))
        {
            throw new ArgumentException($"'{resource.Name}' is not a valid resource name: use lowercase letters, digits and hyphens.", nameof(resource));
        }

        if (_resources.Any(existing => existing.Name == resource.Name))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists.", nameof(resource));
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>Fixes the model and builds the application; it starts nothing yet.</summary>
    public DistributedApplication Build()
    {
        if (Interlocked.Exchange(ref _capture, null) is { } capture)
        {
            capture(this);
            throw new BuilderCapturedException();
        }

        ShutdownOrder.Of(_resources);
        var dashboard = DashboardEndpoints;
        var services = _host.Services;
        services.AddOptions<AppHostOptions>()
            .BindConfiguration(AppHostOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
                options.OtlpEndpoint ??= configuration.GetValue<Uri?>("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromMinutes(2));
        services.AddSingleton(new DistributedApplicationModel([.. _resources]));
        services.AddSingleton(dashboard);
        services.AddSingleton<PortAllocator>();
        services.AddSingleton<ProcessLauncher>();
        services.AddSingleton<ResourceChangeFeed>();
        services.AddSingleton(provider => new ResourceNotificationService(provider.GetRequiredService<ResourceChangeFeed>()));
        services.AddSingleton(provider => new ResourceLoggerService(
            provider.GetRequiredService<ResourceChangeFeed>(),
            provider.GetRequiredService<IOptions<AppHostOptions>>().Value.EchoConsole ? TerminalEcho.Write : null));
        services.AddSingleton<Orchestrator>();
        services.AddHostedService(provider => provider.GetRequiredService<Orchestrator>());
        services.AddSingleton(provider => new ResourceCommandService(provider.GetRequiredService<Orchestrator>()));
        services.AddHostedService<StartupSummary>();
        return new DistributedApplication(_host.Build());
    }

    /// <summary>Runs <paramref name="entryPoint"/> (an AppHost's Main) up to its Build() call and returns the builder it declared.</summary>
    internal static DistributedApplicationBuilder CaptureFrom(Action entryPoint)
    {
        DistributedApplicationBuilder? captured = null;
        Capture.Value = builder => captured = builder;
        try
        {
            entryPoint();
        }
        catch (Exception error) when (error is BuilderCapturedException || error.InnerException is BuilderCapturedException)
        {
            return captured!;
        }
        finally
        {
            Capture.Value = null;
        }

        throw new InvalidOperationException("The entry point returned without calling Build() on a DistributedApplicationBuilder.");
    }

    private Uri DashboardUri(string name, int defaultPort)
    {
        var port = Configuration.GetValue<bool>($"{AppHostOptions.Section}:RandomizePorts")
            ? PortAllocator.AnyFree()
            : Configuration.GetValue<int?>($"Ports:{name}") ?? defaultPort;
        return new Uri($"http://{ReplicaEndpoint.Host}:{port}/");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ResourceName();

    private sealed class BuilderCapturedException : Exception;
}
