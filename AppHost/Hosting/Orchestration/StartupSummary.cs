using System.Diagnostics;
using Exam3.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exam3.Hosting.Orchestration;

/// <summary>Once every replica is healthy (or has failed, or the wait bound passed), prints how long it took and the summary.</summary>
internal sealed partial class StartupSummary(
    ResourceNotificationService notifications,
    IOptions<AppHostOptions> options,
    DashboardEndpoints planned,
    IServiceProvider services,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger("Exam3.AppHost");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // Waits chain (registry, then replicas, then gateway), so the whole start-up may take a few wait bounds.
        bound.CancelAfter(options.Value.WaitTimeout * 3);
        // What the wait saw is what the summary reports: a probe a moment later may already see something else.
        IReadOnlyList<ResourceSnapshot>? replicas = null;
        try
        {
            replicas = await notifications.WaitForAllAsync(all => all.All(replica => replica.IsHealthy || replica.IsTerminal), bound.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Log.StillStarting(_logger, clock.Elapsed.TotalSeconds);
        }

        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        replicas ??= notifications.Snapshots;
        var healthy = replicas.Count(replica => replica.IsHealthy);
        Log.Started(_logger, healthy, replicas.Count, clock.Elapsed.TotalSeconds);
        if (options.Value.EchoConsole)
        {
            Console.Out.Write(SummaryTable.Render(replicas, services.GetService(typeof(HostedDashboard)) as HostedDashboard, planned));
            Console.Out.WriteLine("Press Ctrl+C to stop.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "{Healthy} of {Total} processes healthy after {Seconds:0.0} s")]
        public static partial void Started(ILogger logger, int healthy, int total, double seconds);

        [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Some replicas are still starting after {Seconds:0.0} s")]
        public static partial void StillStarting(ILogger logger, double seconds);
    }
}
