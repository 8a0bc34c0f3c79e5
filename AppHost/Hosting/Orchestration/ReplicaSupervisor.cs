using System.ComponentModel;
using System.Diagnostics;
using Exam3.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace Exam3.Hosting.Orchestration;

/// <summary>
/// Runs one replica: waits for its dependencies (bounded), starts the process, watches its health, restarts it with backoff
/// when it crashes, and stops it gracefully on request (SIGTERM, then SIGKILL after the stop timeout).
/// </summary>
internal sealed partial class ReplicaSupervisor(
    ReplicaPlan plan,
    ProcessLauncher launcher,
    HealthProbe probe,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    AppHostOptions options,
    ILogger logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _commands = new(1, 1);
    private ResourceSnapshot _snapshot = plan.InitialSnapshot;
    private CancellationTokenSource? _run;
    private Task _running = Task.CompletedTask;
    private Process? _process;

    public ReplicaPlan Plan => plan;

    public void PublishInitialState() => Update(snapshot => snapshot);

    /// <summary>Starts supervising, unless it already is; returns at once, the replica comes up in the background.</summary>
    public async Task StartAsync()
    {
        await _commands.WaitAsync();
        try
        {
            if (!_running.IsCompleted)
            {
                return;
            }

            _run?.Dispose();
            _run = new CancellationTokenSource();
            var stopping = _run.Token;
            _running = Task.Run(() => SuperviseAsync(stopping), CancellationToken.None);
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>Stops the process gracefully and supervision with it; nothing restarts it until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        await _commands.WaitAsync();
        try
        {
            if (_run is not null)
            {
                await _run.CancelAsync();
            }

            await _running;
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>SIGKILL, as a crash would: no deregistration; the supervisor restarts the replica.</summary>
    public async Task<bool> KillAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return false;
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited, and the supervisor let go of it, between the check and the kill.
            return false;
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The supervisor saw it die first and disposed of it: it is dead all the same.
        }

        return true;
    }

    public void Dispose()
    {
        _run?.Dispose();
        _commands.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        try
        {
            if (!await WaitForDependenciesAsync(stopping))
            {
                return;
            }

            var crashes = 0;
            while (true)
            {
                var started = await LaunchAsync(stopping);
                if (started is null)
                {
                    return;
                }

                var startedAt = Stopwatch.GetTimestamp();
                var exitCode = await RunUntilExitAsync(started, stopping);

                // A process that ran for a while before crashing starts the backoff over.
                crashes = Stopwatch.GetElapsedTime(startedAt) > options.MaxRestartDelay ? 1 : crashes + 1;
                var delay = RestartDelay(crashes);
                var restarts = Update(snapshot => snapshot with
                {
                    State = ResourceState.Exited,
                    Health = null,
                    ExitCode = exitCode,
                    StoppedAt = DateTimeOffset.UtcNow,
                    IsRestarting = true,
                    Restarts = snapshot.Restarts + 1,
                }).Restarts;
                Log.Crashed(logger, plan.Name, exitCode, delay.TotalSeconds, restarts);
                await Task.Delay(delay, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Update(snapshot => snapshot with
            {
                State = ResourceState.Exited,
                Health = null,
                IsRestarting = false,
                StoppedAt = DateTimeOffset.UtcNow,
            });
            Log.Stopped(logger, plan.Name);
        }
    }

    private async Task<bool> WaitForDependenciesAsync(CancellationToken stopping)
    {
        var dependencies = plan.Resource.WaitsFor;
        if (dependencies.Count == 0)
        {
            return true;
        }

        var names = string.Join(", ", dependencies.Select(dependency => dependency.Name));
        Update(snapshot => snapshot with { State = ResourceState.Waiting });
        Log.Waiting(logger, plan.Name, names);

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        bound.CancelAfter(options.WaitTimeout);
        try
        {
            foreach (var dependency in dependencies)
            {
                await notifications.WaitForResourceAsync(dependency.Name, replicas => replicas.All(replica => replica.IsHealthy), bound.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            var blocking = dependencies
                .SelectMany(dependency => notifications.Find(dependency.Name))
                .Where(replica => !replica.IsHealthy)
                .Select(replica => $"{replica.Name} is {replica.StateText}");
            var error = $"waited {options.WaitTimeout.TotalSeconds:0.#} s for {names} to be healthy, in vain ({string.Join("; ", blocking)}). " +
                $"Read their output above, or allow longer with --{AppHostOptions.Section}:WaitTimeout=<hh:mm:ss>.";
            Update(snapshot => snapshot with { State = ResourceState.FailedToStart, Error = error });
            Log.FailedToStart(logger, plan.Name, error);
            return false;
        }
    }

    private async Task<Process?> LaunchAsync(CancellationToken stopping)
    {
        stopping.ThrowIfCancellationRequested();
        Update(snapshot => snapshot with { State = ResourceState.Starting, Health = null, ProcessId = null, ExitCode = null, Error = null });
        var launch = plan.Resource.CreateLaunch(plan.Endpoint);
        try
        {
            var process = await launcher.StartAsync(launch, plan.Environment, (line, isError) => logs.Append(plan.Name, line, isError));
            _process = process;
            Update(snapshot => snapshot with
            {
                State = ResourceState.Running,
                Health = plan.Resource.HealthCheckPath is null ? HealthStatus.Healthy : HealthStatus.Unhealthy,
                ProcessId = process.Id,
                StartedAt = DateTimeOffset.UtcNow,
                StoppedAt = null,
                IsRestarting = false,
            });
            Log.Running(logger, plan.Name, process.Id, plan.Endpoint.Url);
            return process;
        }
        catch (Exception error) when (error is Win32Exception or InvalidOperationException or IOException)
        {
            var message = $"could not run '{launch}': {error.Message}";
            Update(snapshot => snapshot with { State = ResourceState.FailedToStart, Error = message });
            Log.FailedToStart(logger, plan.Name, message);
            return null;
        }
    }

    /// <summary>Returns the exit code of a crash; on a stop request, stops the process and throws OperationCanceledException.</summary>
    private async Task<int> RunUntilExitAsync(Process process, CancellationToken stopping)
    {
        using var healthStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var health = plan.Resource.HealthCheckPath is { } path
            ? probe.MonitorAsync(plan.Endpoint, path, OnHealthChanged, healthStop.Token)
            : Task.CompletedTask;
        var exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            await exited.WaitAsync(stopping);
            await healthStop.CancelAsync();
            await health;
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await healthStop.CancelAsync();
            await health;
            await TerminateAsync(process, exited);
            throw;
        }
        finally
        {
            _process = null;
            process.Dispose();
        }
    }

    private async Task TerminateAsync(Process process, Task exited)
    {
        if (process.HasExited)
        {
            return;
        }

        Update(snapshot => snapshot with { State = ResourceState.Stopping });
        Log.Stopping(logger, plan.Name, process.Id);
        if (!PosixSignals.Terminate(process.Id))
        {
            process.Kill(entireProcessTree: true);
        }

        try
        {
            await exited.WaitAsync(options.StopTimeout);
        }
        catch (TimeoutException)
        {
            Log.Killing(logger, plan.Name, options.StopTimeout.TotalSeconds);
            process.Kill(entireProcessTree: true);
            await exited;
        }

        Update(snapshot => snapshot with { ExitCode = process.ExitCode });
    }

    private void OnHealthChanged(HealthStatus health)
    {
        // Logged before it is published: what waits for this replica starts on the publication and logs its own progress.
        Log.HealthChanged(logger, plan.Name, health);
        Update(snapshot => snapshot with { Health = health });
    }

    // 1 s, 2 s, 4 s ... up to MaxRestartDelay: a process that crashes at once does not spin.
    private TimeSpan RestartDelay(int crashes) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(crashes - 1, 16)), options.MaxRestartDelay.TotalSeconds));

    private ResourceSnapshot Update(Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        lock (_lock)
        {
            _snapshot = change(_snapshot);
            notifications.Publish(_snapshot);
            return _snapshot;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Replica} waiting for {Dependencies} to be healthy")]
        public static partial void Waiting(ILogger logger, string replica, string dependencies);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Replica} running, pid {ProcessId}, {Url}")]
        public static partial void Running(ILogger logger, string replica, int processId, string url);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Replica} is {Health}")]
        public static partial void HealthChanged(ILogger logger, string replica, HealthStatus health);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Replica} exited with code {ExitCode}; restarting in {Delay} s (restart #{Restart})")]
        public static partial void Crashed(ILogger logger, string replica, int exitCode, double delay, int restart);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Replica} stopping (SIGTERM to pid {ProcessId})")]
        public static partial void Stopping(ILogger logger, string replica, int processId);

        [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Replica} did not exit within {Timeout} s of SIGTERM; killing it")]
        public static partial void Killing(ILogger logger, string replica, double timeout);

        [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "{Replica} stopped")]
        public static partial void Stopped(ILogger logger, string replica);

        [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{Replica} failed to start: {Error}")]
        public static partial void FailedToStart(ILogger logger, string replica, string error);
    }
}
