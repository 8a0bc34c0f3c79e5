using System.Collections.Concurrent;
using System.Diagnostics;
using Exam3.ServiceDefaults.Consul;
using Exam3.ServiceDefaults.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Exam3.Bench.Propagation;

/// <summary>
/// Takes replicas of a running distribution out and back (maintenance on and off), then stops one with SIGKILL and one
/// with SIGTERM, while clients loop through every target; times when the registry saw each change (through the same
/// blocking-query watch the services use) and when each target followed it. Aspire does not restart a stopped replica,
/// so maintenance is what brings one back here.
/// </summary>
internal sealed class PropagationExperiment : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // How long the clients go on after a replica left, so that any request a target still sends it is seen.
    private static readonly TimeSpan Straggle = TimeSpan.FromSeconds(1);

    private readonly ConsulClient _consul;
    private readonly HttpClient _registry;
    private readonly ConsulWatches _watches;
    private readonly BlockingQueryWatch<HealthyInstances> _watch;
    private readonly List<ClientLoop> _loops;
    private readonly ConcurrentQueue<(DateTimeOffset At, HashSet<string> Ids)> _membership = new();
    private readonly IDisposable _subscription;

    private PropagationExperiment(ConsulClient consul, HttpClient registry, IEnumerable<Target> targets)
    {
        _consul = consul;
        _registry = registry;
        _watches = new ConsulWatches(consul, NullLoggerFactory.Instance);
        _watch = _watches.HealthyInstances("operations");
        _subscription = ChangeToken.OnChange(_watch.GetChangeToken, Record);
        _loops = [.. targets.Select(target => new ClientLoop(target))];
    }

    public static async Task<PropagationExperiment> StartAsync(Uri registry, string? token, IEnumerable<Target> targets)
    {
        var consul = new ConsulClient(Options.Create(new ConsulOptions { Address = registry, Token = token }));
        var http = new HttpClient { BaseAddress = registry };
        http.DefaultRequestHeaders.Add("X-Consul-Token", token);
        var experiment = new PropagationExperiment(consul, http, targets);
        await experiment._watch.FirstValueAsync(CancellationToken.None).WaitAsync(Deadline);
        experiment.Record();
        return experiment;
    }

    /// <summary>
    /// Puts one replica in maintenance and takes it out again; times the registry's change each way, the last request each
    /// target still sent the replica after the registry dropped it, and its first request once the replica passed again.
    /// </summary>
    public async Task<IReadOnlyList<RoundResult>> MaintenanceRoundAsync(int round)
    {
        var victim = PickReplica(round);
        var onAt = DateTimeOffset.UtcNow;
        await SetMaintenanceAsync(victim.Id, enable: true);
        var droppedAt = await WhenMembershipAsync($"{victim.Id} to leave the passing set", ids => !ids.Contains(victim.Id), onAt);
        await Task.Delay(Straggle);
        var taken = new RoundResult($"maintenance on (round {round})", victim.Id, (droppedAt - onAt).TotalMilliseconds, LastRequests(victim.Id, droppedAt), FailedSince(onAt));

        var offAt = DateTimeOffset.UtcNow;
        await SetMaintenanceAsync(victim.Id, enable: false);
        var backAt = await WhenMembershipAsync($"{victim.Id} to pass again", ids => ids.Contains(victim.Id), offAt);
        var firstRequest = new Dictionary<string, double?>();
        foreach (var loop in _loops)
        {
            await UntilAsync($"{loop.Target.Name} to send {victim.Id} a request", () => loop.Since(backAt).Any(served => served.Instance == victim.Id));
            firstRequest[loop.Target.Name] = (loop.Since(backAt).First(served => served.Instance == victim.Id).At - backAt).TotalMilliseconds;
        }

        var back = new RoundResult($"maintenance off (round {round})", victim.Id, (backAt - offAt).TotalMilliseconds, firstRequest, FailedSince(offAt));
        return [taken, back];
    }

    /// <summary>Stops one replica with <paramref name="signal"/>; times the registry dropping it and each target's last request to it after that.</summary>
    public async Task<RoundResult> StopAsync(int signal, int pick)
    {
        var victim = PickReplica(pick);
        var process = ProcessOnPort(victim.Port);
        var signalledAt = DateTimeOffset.UtcNow;
        ProcessSignals.Send(process, signal);

        var droppedAt = await WhenMembershipAsync($"{victim.Id} to leave the passing set", ids => !ids.Contains(victim.Id), signalledAt);
        await Task.Delay(Straggle);
        return new RoundResult(signal == ProcessSignals.SigKill ? "SIGKILL" : "SIGTERM", victim.Id, (droppedAt - signalledAt).TotalMilliseconds, LastRequests(victim.Id, droppedAt), FailedSince(signalledAt));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var loop in _loops)
        {
            await loop.DisposeAsync();
        }

        _subscription.Dispose();
        await _watches.DisposeAsync();
        _consul.Dispose();
        _registry.Dispose();
    }

    private void Record()
    {
        if (_watch.Current is { } current)
        {
            _membership.Enqueue((DateTimeOffset.UtcNow, [.. current.Instances.Select(instance => instance.Id)]));
        }
    }

    private async Task SetMaintenanceAsync(string instance, bool enable)
    {
        using var response = await _registry.PutAsync($"/v1/agent/service/maintenance/{Uri.EscapeDataString(instance)}?enable={(enable ? "true" : "false")}&reason=bench", null);
        response.EnsureSuccessStatusCode();
    }

    private RegisteredInstance PickReplica(int pick)
    {
        var instances = _watch.Current?.Instances ?? [];
        return instances.Count > 0 ? instances[pick % instances.Count] : throw new InvalidOperationException("No passing replica to pick.");
    }

    private async Task<DateTimeOffset> WhenMembershipAsync(string what, Func<HashSet<string>, bool> condition, DateTimeOffset after)
    {
        await UntilAsync(what, () => _membership.Any(change => change.At >= after && condition(change.Ids)));
        return _membership.First(change => change.At >= after && condition(change.Ids)).At;
    }

    // None after the drop reads as 0: the target had already stopped when the registry answered.
    private Dictionary<string, double?> LastRequests(string instance, DateTimeOffset droppedAt) =>
        _loops.ToDictionary(
            loop => loop.Target.Name,
            loop => (double?)loop.Since(droppedAt).Where(served => served.Instance == instance).Select(served => (served.At - droppedAt).TotalMilliseconds).LastOrDefault());

    private Dictionary<string, int> FailedSince(DateTimeOffset since) =>
        _loops.ToDictionary(loop => loop.Target.Name, loop => loop.Since(since).Count(served => served.Instance is null));

    private static async Task UntilAsync(string what, Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > Deadline)
            {
                throw new TimeoutException($"Timed out after {Deadline.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

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
