using System.Collections.Concurrent;
using System.Diagnostics;
using Exam3.ServiceDefaults.Consul;
using Exam3.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Exam3.Bench.Propagation;

/// <summary>
/// Kills, restarts and stops replicas of a running distribution while clients loop through every target, and times
/// when the registry saw each change (through the same blocking-query watch the services use) and when each target
/// followed it.
/// </summary>
internal sealed class PropagationExperiment : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly ConsulClient _client;
    private readonly ConsulWatches _watches;
    private readonly BlockingQueryWatch<HealthyInstances> _watch;
    private readonly List<ClientLoop> _loops;
    private readonly ConcurrentQueue<(DateTimeOffset At, HashSet<string> Ids)> _membership = new();
    private readonly IDisposable _subscription;

    private PropagationExperiment(ConsulClient client, ConsulWatches watches, IEnumerable<Target> targets)
    {
        _client = client;
        _watches = watches;
        _watch = watches.HealthyInstances("operations");
        _subscription = ChangeToken.OnChange(_watch.GetChangeToken, Record);
        _loops = [.. targets.Select(target => new ClientLoop(target))];
    }

    public static async Task<PropagationExperiment> StartAsync(Uri registry, IEnumerable<Target> targets)
    {
        var client = new ConsulClient(Options.Create(new ConsulOptions { Address = registry, Token = Environment.GetEnvironmentVariable("CONSUL_HTTP_TOKEN") }));
        var experiment = new PropagationExperiment(client, new ConsulWatches(client, NullLoggerFactory.Instance), targets);
        await experiment._watch.FirstValueAsync(CancellationToken.None).WaitAsync(Deadline);
        experiment.Record();
        return experiment;
    }

    /// <summary>SIGKILLs one replica; times the registry dropping it, the supervisor's restart and each target's first request to it.</summary>
    public async Task<RoundResult> KillAndRestartAsync(int round)
    {
        var victim = PickReplica(round);
        var killedAt = DateTimeOffset.UtcNow;
        Signals.Send(ProcessOnPort(victim.Port), Signals.SigKill);

        var droppedAt = await WhenMembershipAsync($"{victim.Id} to leave the registry's passing set", ids => !ids.Contains(victim.Id), killedAt);
        var backAt = await WhenMembershipAsync($"{victim.Id} to pass again after its restart", ids => ids.Contains(victim.Id), droppedAt);
        var firstRequest = new Dictionary<string, double?>();
        foreach (var loop in _loops)
        {
            await Eventually.UntilAsync($"{loop.Target.Name} to send {victim.Id} a request", Deadline,
                () => loop.Since(backAt).Any(served => served.Instance == victim.Id));
            firstRequest[loop.Target.Name] = (loop.Since(backAt).First(served => served.Instance == victim.Id).At - backAt).TotalMilliseconds;
        }

        return new RoundResult(
            $"SIGKILL, restart (round {round})",
            victim.Id,
            (droppedAt - killedAt).TotalMilliseconds,
            firstRequest,
            FailedSince(killedAt));
    }

    /// <summary>SIGTERMs one replica, which deregisters itself and drains; times each target's last request to it after the registry dropped it.</summary>
    public async Task<RoundResult> StopGracefullyAsync()
    {
        var victim = PickReplica(0);
        var stoppedAt = DateTimeOffset.UtcNow;
        Signals.Send(ProcessOnPort(victim.Port), Signals.SigTerm);

        var droppedAt = await WhenMembershipAsync($"{victim.Id} to deregister", ids => !ids.Contains(victim.Id), stoppedAt);
        // The replica keeps serving through its drain; anything a target sends it after the drop is propagation delay.
        await Task.Delay(TimeSpan.FromSeconds(1));
        // None after the drop reads as 0: the target had already stopped when the registry answered.
        var lastRequest = _loops.ToDictionary(
            loop => loop.Target.Name,
            loop => (double?)(loop.Since(droppedAt).Where(served => served.Instance == victim.Id).Select(served => (served.At - droppedAt).TotalMilliseconds).LastOrDefault()));

        return new RoundResult("SIGTERM: deregistration", victim.Id, (droppedAt - stoppedAt).TotalMilliseconds, lastRequest, FailedSince(stoppedAt));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var loop in _loops)
        {
            await loop.DisposeAsync();
        }

        _subscription.Dispose();
        await _watches.DisposeAsync();
        _client.Dispose();
    }

    private void Record()
    {
        if (_watch.Current is { } current)
        {
            _membership.Enqueue((DateTimeOffset.UtcNow, [.. current.Instances.Select(instance => instance.Id)]));
        }
    }

    private RegisteredInstance PickReplica(int round)
    {
        var instances = _watch.Current?.Instances ?? [];
        return instances.Count > 0 ? instances[round % instances.Count] : throw new InvalidOperationException("No passing replica to pick.");
    }

    private async Task<DateTimeOffset> WhenMembershipAsync(string what, Func<HashSet<string>, bool> condition, DateTimeOffset after)
    {
        await Eventually.UntilAsync(what, Deadline, () => _membership.Any(change => change.At >= after && condition(change.Ids)));
        return _membership.First(change => change.At >= after && condition(change.Ids)).At;
    }

    private Dictionary<string, int> FailedSince(DateTimeOffset since) =>
        _loops.ToDictionary(loop => loop.Target.Name, loop => loop.Since(since).Count(served => served.Instance is null));

    private static int ProcessOnPort(int port)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", ["-ltnpH", $"sport = :{port}"]) { RedirectStandardOutput = true })!;
        var output = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        var match = System.Text.RegularExpressions.Regex.Match(output, @"pid=(\d+)");
        return match.Success
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No process listens on port {port}.");
    }
}
