using Exam3.Hosting.Orchestration;

namespace Exam3.Hosting;

/// <summary>
/// The dashboard's Start, Stop and Restart actions (Aspire's command names), and Kill for tests that simulate a crash.
/// A name means a whole resource (every replica) or one replica.
/// </summary>
public sealed class ResourceCommandService
{
    /// <summary>Aspire's KnownResourceCommands.</summary>
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Restart = "restart";

    private readonly Orchestrator _orchestrator;

    internal ResourceCommandService(Orchestrator orchestrator) => _orchestrator = orchestrator;

    /// <summary>Runs <paramref name="command"/> (start, stop or restart) on <paramref name="name"/>.</summary>
    public Task ExecuteCommandAsync(string name, string command) => command switch
    {
        Start => StartAsync(name),
        Stop => StopAsync(name),
        Restart => RestartAsync(name),
        _ => throw new ArgumentException($"Unknown command '{command}'; known: {Start}, {Stop}, {Restart}.", nameof(command)),
    };

    /// <summary>Starts what is stopped; it waits for its dependencies again.</summary>
    public Task StartAsync(string name) => Task.WhenAll(_orchestrator.Find(name).Select(replica => replica.StartAsync()));

    /// <summary>SIGTERM (the replica deregisters), SIGKILL after the stop timeout; the supervisor does not restart it.</summary>
    public Task StopAsync(string name) => Task.WhenAll(_orchestrator.Find(name).Select(replica => replica.StopAsync()));

    /// <summary>Stop, then start.</summary>
    public async Task RestartAsync(string name)
    {
        await StopAsync(name);
        await StartAsync(name);
    }

    /// <summary>SIGKILL, as a crash: no deregistration, and the supervisor restarts it. False if it was not running.</summary>
    public async Task<bool> KillAsync(string name, CancellationToken cancellationToken = default)
    {
        var killed = await Task.WhenAll(_orchestrator.Find(name).Select(replica => replica.KillAsync(cancellationToken)));
        return killed.Any(wasRunning => wasRunning);
    }
}
