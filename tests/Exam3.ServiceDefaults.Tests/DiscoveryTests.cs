using System.Collections.Concurrent;
using System.Diagnostics;
using Exam3.ServiceDefaults.Consul;
using Exam3.ServiceDefaults.Tests.Processes;
using Exam3.TestSupport;

namespace Exam3.ServiceDefaults.Tests;

/// <summary>An HttpClient from AddServiceDefaults() resolving http://operations through a real Exam3.Discovery process.</summary>
[Collection(TimedPropagationTests.Name)]
public sealed class DiscoveryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>The issue's bound: a client stops using an instance within a second of the registry dropping it.</summary>
    private static readonly TimeSpan PropagationBound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ClientSpreadsRequestsOverEveryPassingInstance()
    {
        await using var registry = await RegistryProcess.StartAsync();
        await using var a = await OperationsReplica.StartAsync(registry.Address, "operations-d1");
        await using var b = await OperationsReplica.StartAsync(registry.Address, "operations-d2");
        await using var c = await OperationsReplica.StartAsync(registry.Address, "operations-d3");
        await WaitPassingAsync(registry, "operations-d1", "operations-d2", "operations-d3");
        await using var client = await DiscoveringClient.StartAsync(registry.Address);

        var answered = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            answered.Add(await OperationsReplica.InstanceAnsweringAsync(client.Http, TestContext.Current.CancellationToken));
        }

        Assert.Equal(["operations-d1", "operations-d2", "operations-d3"], answered.Distinct().Order());
        Assert.All(answered.CountBy(id => id), pair => Assert.Equal(10, pair.Value));
    }

    [Fact]
    public async Task ClientStopsUsingAnInstanceWithinASecondOfItsDeregistration()
    {
        await using var registry = await RegistryProcess.StartAsync();
        await using var staying = await OperationsReplica.StartAsync(registry.Address, "operations-d4");
        // A long drain: the leaving instance still answers, so only discovery can keep requests off it.
        await using var leaving = await OperationsReplica.StartAsync(registry.Address, "operations-d5", drain: TimeSpan.FromSeconds(10));
        await WaitPassingAsync(registry, "operations-d4", "operations-d5");
        await using var client = await DiscoveringClient.StartAsync(registry.Address);
        await using var traffic = Traffic.Start(client);
        await Eventually.UntilAsync("both instances to serve the client", Deadline, () => traffic.Served("operations-d5") && traffic.Served("operations-d4"));

        var stopping = leaving.StopAsync(Deadline);
        await Eventually.UntilAsync("operations-d5 to deregister", Deadline, async () => await registry.AgentServiceAsync("operations-d5") is null);
        var removedAt = Stopwatch.GetTimestamp();
        await Eventually.UntilAsync("the client to send a while longer", Deadline, () => traffic.SentSince(removedAt + Stopwatch.Frequency * 2) > 0);
        await traffic.StopAsync();

        Assert.False(leaving.HasExited, "the drain should still be running");
        Assert.Empty(traffic.Failures);
        Assert.All(traffic.StartedAt("operations-d5"), started => Assert.True(
            Stopwatch.GetElapsedTime(removedAt, started) < PropagationBound,
            $"a request reached operations-d5 {Stopwatch.GetElapsedTime(removedAt, started).TotalMilliseconds:0} ms after its deregistration"));
        await stopping;
    }

    [Fact]
    public async Task ClientStopsUsingAnInstanceWithinASecondOfItsCheckTurningCritical()
    {
        await using var registry = await RegistryProcess.StartAsync();
        await using var replica = await OperationsReplica.StartAsync(registry.Address, "operations-d6");
        await using var failing = await FlippableInstance.StartAsync("operations-d7");
        await failing.RegisterWithAsync(registry);
        await WaitPassingAsync(registry, "operations-d6", "operations-d7");
        await using var client = await DiscoveringClient.StartAsync(registry.Address);
        await using var traffic = Traffic.Start(client);
        await Eventually.UntilAsync("both instances to serve the client", Deadline, () => traffic.Served("operations-d6") && traffic.Served("operations-d7"));

        failing.FailHealth();
        await Eventually.UntilAsync("operations-d7's check to turn critical", Deadline, async () => !(await registry.PassingIdsAsync("operations")).Contains("operations-d7"));
        var criticalAt = Stopwatch.GetTimestamp();
        await Eventually.UntilAsync("the client to send a while longer", Deadline, () => traffic.SentSince(criticalAt + Stopwatch.Frequency * 2) > 0);
        await traffic.StopAsync();

        Assert.Empty(traffic.Failures);
        Assert.All(traffic.StartedAt("operations-d7"), started => Assert.True(
            Stopwatch.GetElapsedTime(criticalAt, started) < PropagationBound,
            $"a request reached operations-d7 {Stopwatch.GetElapsedTime(criticalAt, started).TotalMilliseconds:0} ms after its check turned critical"));
    }

    [Fact]
    public async Task ProviderKeepsServingTheLastKnownInstancesWhileTheRegistryIsDown()
    {
        var registry = await RegistryProcess.StartAsync();
        await using var a = await OperationsReplica.StartAsync(registry.Address, "operations-d8");
        await using var b = await OperationsReplica.StartAsync(registry.Address, "operations-d9");
        await WaitPassingAsync(registry, "operations-d8", "operations-d9");
        await using var client = await DiscoveringClient.StartAsync(registry.Address);
        Assert.Equal(2, (await client.EndpointsAsync("operations")).Count);

        registry.Kill();
        await registry.DisposeAsync();

        var answered = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            answered.Add(await OperationsReplica.InstanceAnsweringAsync(client.Http, TestContext.Current.CancellationToken));
        }

        Assert.Equal(["operations-d8", "operations-d9"], answered.Order());
        Assert.Equal(2, (await client.EndpointsAsync("operations")).Count);
    }

    [Fact]
    public async Task AspireStyleConfiguredEndpointsWinOverTheRegistry()
    {
        await using var registry = await RegistryProcess.StartAsync();
        await using var registered = await FlippableInstance.StartAsync("operations-d10");
        await using var configured = await FlippableInstance.StartAsync("operations-configured");
        await registered.RegisterWithAsync(registry);
        await WaitPassingAsync(registry, "operations-d10");

        await using var client = await DiscoveringClient.StartAsync(registry.Address, new Dictionary<string, string?>
        {
            ["services:operations:http:0"] = configured.Address.ToString(),
        });
        var answered = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            answered.Add(await OperationsReplica.InstanceAnsweringAsync(client.Http, TestContext.Current.CancellationToken));
        }

        Assert.Equal(["operations-configured"], answered);
    }

    private static Task WaitPassingAsync(RegistryProcess registry, params string[] ids) =>
        Eventually.UntilAsync($"{string.Join(", ", ids)} to pass their checks", Deadline, async () =>
            (await registry.PassingIdsAsync(OperationsReplica.ServiceName)).IsSupersetOf(ids));

    /// <summary>Requests sent one after another through the client, each noted with when it started and who answered.</summary>
    private sealed class Traffic : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(long StartedAt, string Instance)> _answers = new();
        private readonly ConcurrentQueue<Exception> _failures = new();
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public IReadOnlyCollection<Exception> Failures => _failures;

        public static Traffic Start(DiscoveringClient client)
        {
            var traffic = new Traffic();
            traffic._loop = Task.Run(() => traffic.SendAsync(client));
            return traffic;
        }

        public bool Served(string instance) => _answers.Any(answer => answer.Instance == instance);

        public int SentSince(long timestamp) => _answers.Count(answer => answer.StartedAt >= timestamp);

        public IEnumerable<long> StartedAt(string instance) => _answers.Where(answer => answer.Instance == instance).Select(answer => answer.StartedAt);

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        // Paced, so that a loaded machine still has room for the registry and the replicas.
        private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(20);

        private async Task SendAsync(DiscoveringClient client)
        {
            while (!_stop.IsCancellationRequested)
            {
                await RetryBackoff.DelayQuietly(Pace, _stop.Token);
                var startedAt = Stopwatch.GetTimestamp();
                try
                {
                    _answers.Enqueue((startedAt, await OperationsReplica.InstanceAnsweringAsync(client.Http, _stop.Token)));
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                {
                    _failures.Enqueue(error);
                }
            }
        }
    }
}
