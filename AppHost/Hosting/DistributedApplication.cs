using Exam3.Hosting.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Exam3.Hosting;

/// <summary>
/// The running distribution: starts every resource, keeps them running until Ctrl+C or SIGTERM, then stops them in order.
/// Its services expose the resource model to the dashboard and to tests.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    internal DistributedApplication(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>Every replica's state, and waits on it.</summary>
    public ResourceNotificationService ResourceNotifications => Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>Every replica's captured console output.</summary>
    public ResourceLoggerService ResourceLogs => Services.GetRequiredService<ResourceLoggerService>();

    /// <summary>Grows on every change of state or console output.</summary>
    public ResourceChangeFeed ResourceChanges => Services.GetRequiredService<ResourceChangeFeed>();

    /// <summary>Start, stop, restart (and kill) a resource or one replica.</summary>
    public ResourceCommandService ResourceCommands => Services.GetRequiredService<ResourceCommandService>();

    /// <summary>The declared resources.</summary>
    public DistributedApplicationModel Model => Services.GetRequiredService<DistributedApplicationModel>();

    /// <summary>Starts declaring a distribution, as an Aspire AppHost's Program.cs begins.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args) => DistributedApplicationBuilder.Create(args);

    /// <summary>Starts every resource (in the background, each after its dependencies) and returns.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Services.GetRequiredService<Orchestrator>().Prepare();
        _started = true;
        return _host.StartAsync(cancellationToken);
    }

    /// <summary>Stops every resource in shutdown order: dependents first, each with its stop timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <summary>Runs until Ctrl+C or SIGTERM. A configuration error (a busy port) ends it at once with a message and exit code 1.</summary>
    public void Run()
    {
        try
        {
            Services.GetRequiredService<Orchestrator>().Prepare();
        }
        catch (DistributedApplicationException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            Environment.ExitCode = 1;
            return;
        }

        _host.Run();
    }

    /// <summary>Stops what was started (gracefully, in order), then releases the host; no child process outlives it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await StopAsync();
        }

        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
