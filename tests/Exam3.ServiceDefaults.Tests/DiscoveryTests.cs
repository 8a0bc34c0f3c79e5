namespace Exam3.ServiceDefaults.Tests;

/// <summary>An HttpClient from AddServiceDefaults() resolving http://operations through a real Exam3.Discovery process.</summary>
public sealed class DiscoveryTests
{
    // How many answers in a row, all from the instances left, show that a client has stopped using the one dropped. How
    // fast it stops is measured by bench/propagation.sh, not asserted here, where other test assemblies share the cores.
    private const int AnswersInARow = 25;

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
            answered.Add(await OperationsReplica.InstanceAnsweringAsync(client.Http, Cancellation));
        }

        Assert.Equal(["operations-d1", "operations-d2", "operations-d3"], answered.Distinct().Order());
        Assert.All(answered.CountBy(id => id), pair => Assert.Equal(10, pair.Value));
    }

    [Fact]
    public async Task ClientStopsUsingAnInstanceOnceItDeregisters()
    {
        await using var registry = await RegistryProcess.StartAsync();
        await using var staying = await OperationsReplica.StartAsync(registry.Address, "operations-d4");
        // A long drain: the leaving instance still answers, so only discovery can keep requests off it.
        await using var leaving = await OperationsReplica.StartAsync(registry.Address, "operations-d5", drain: TimeSpan.FromSeconds(10));
        await WaitPassingAsync(registry, "operations-d4", "operations-d5");
        await using var client = await DiscoveringClient.StartAsync(registry.Address);
        await using var traffic = StartTraffic(client);
        await Eventually.UntilAsync("both instances to serve the client", Deadline, () => Served(traffic, "operations-d5") && Served(traffic, "operations-d4"));

        var stopping = leaving.StopAsync(Deadline);
        await Eventually.UntilAsync("operations-d5 to deregister", Deadline, async () => await registry.AgentServiceAsync("operations-d5") is null);
        await Eventually.UntilAsync($"{AnswersInARow} answers in a row from operations-d4 alone", Deadline, () => OnlyFromLately(traffic, "operations-d4"));
        await traffic.StopAsync();

        Assert.False(leaving.HasExited, "the drain should still be running, so only discovery kept requests off operations-d5");
        Assert.Empty(traffic.Failures);
        await stopping;
    }

    [Fact]
    public async Task ClientStopsUsingAnInstanceOnceItsCheckTurnsCritical()
    {
        await using var registry = await RegistryProcess.StartAsync();
        await using var replica = await OperationsReplica.StartAsync(registry.Address, "operations-d6");
        await using var failing = await FlippableInstance.StartAsync("operations-d7");
        await failing.RegisterWithAsync(registry);
        await WaitPassingAsync(registry, "operations-d6", "operations-d7");
        await using var client = await DiscoveringClient.StartAsync(registry.Address);
        await using var traffic = StartTraffic(client);
        await Eventually.UntilAsync("both instances to serve the client", Deadline, () => Served(traffic, "operations-d6") && Served(traffic, "operations-d7"));

        failing.FailHealth();
        await Eventually.UntilAsync("operations-d7's check to turn critical", Deadline, async () => !(await registry.PassingIdsAsync("operations")).Contains("operations-d7"));
        await Eventually.UntilAsync($"{AnswersInARow} answers in a row from operations-d6 alone", Deadline, () => OnlyFromLately(traffic, "operations-d6"));
        await traffic.StopAsync();

        // operations-d7 still answers (only its health check fails), so only discovery kept requests off it.
        Assert.Empty(traffic.Failures);
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
            answered.Add(await OperationsReplica.InstanceAnsweringAsync(client.Http, Cancellation));
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
            answered.Add(await OperationsReplica.InstanceAnsweringAsync(client.Http, Cancellation));
        }

        Assert.Equal(["operations-configured"], answered);
    }

    private static Task WaitPassingAsync(RegistryProcess registry, params string[] ids) =>
        Eventually.UntilAsync($"{string.Join(", ", ids)} to pass their checks", Deadline, async () =>
            (await registry.PassingIdsAsync(OperationsReplica.ServiceName)).IsSupersetOf(ids));

    private static RequestLoop StartTraffic(DiscoveringClient client) =>
        RequestLoop.Start(stop => OperationsReplica.InstanceAnsweringAsync(client.Http, stop), Cancellation);

    private static bool Served(RequestLoop traffic, string instance) => traffic.Served.Any(answer => answer.Instance == instance);

    private static bool OnlyFromLately(RequestLoop traffic, string instance) =>
        traffic.Served.TakeLast(AnswersInARow) is var lately && lately.Count() == AnswersInARow && lately.All(answer => answer.Instance == instance);
}
