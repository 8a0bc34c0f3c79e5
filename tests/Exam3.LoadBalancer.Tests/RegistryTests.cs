using System.Diagnostics;
using Exam3.ServiceDefaults.Consul;
using Microsoft.Extensions.Options;

namespace Exam3.LoadBalancer.Tests;

/// <summary>The whole path the lab had: registry → watcher → HAProxy, with the replicas registered as they come and go.</summary>
public sealed class RegistryTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task RequestsThroughTheFrontendRotateOverTheThreeReplicas()
    {
        var service = fixture.NewServiceName();
        await using var loadBalancer = await LoadBalancerProcess.StartAsync(fixture.Registry.BaseAddress, service);

        await RegisterAsync(service, fixture.Replicas.All);

        await loadBalancer.Frontend.WaitForRotationAsync(ReplicaNames(fixture.Replicas.All), Cancellation);
        var served = await loadBalancer.Frontend.ServedByAsync(12, Cancellation);
        Assert.True(Frontend.IsRotation(served, ReplicaNames(fixture.Replicas.All)), string.Join(", ", served));
    }

    [Fact]
    public async Task DeregisteredReplicaLeavesTheBackend()
    {
        var service = fixture.NewServiceName();
        await using var loadBalancer = await LoadBalancerProcess.StartAsync(fixture.Registry.BaseAddress, service);
        await RegisterAsync(service, fixture.Replicas.All);
        await WaitForMembersAsync(loadBalancer, service, fixture.Replicas.All);
        var leaving = fixture.Replicas[1];

        var clock = Stopwatch.StartNew();
        await fixture.Consul.DeregisterServiceAsync(RegistryFixture.InstanceId(service, leaving), Cancellation);

        var staying = new[] { fixture.Replicas[0], fixture.Replicas[2] };
        await WaitForMembersAsync(loadBalancer, service, staying);
        TestContext.Current.SendDiagnosticMessage($"{leaving.Name} left the backend {clock.ElapsedMilliseconds} ms after its deregistration.");
        var served = await loadBalancer.Frontend.ServedByAsync(8, Cancellation);
        Assert.True(Frontend.IsRotation(served, ReplicaNames(staying)), string.Join(", ", served));
    }

    [Fact]
    public async Task NewReplicaJoinsTheBackendAndNobodyMoves()
    {
        var service = fixture.NewServiceName();
        await using var loadBalancer = await LoadBalancerProcess.StartAsync(fixture.Registry.BaseAddress, service);
        var first = new[] { fixture.Replicas[0], fixture.Replicas[2] };
        await RegisterAsync(service, first);
        await WaitForMembersAsync(loadBalancer, service, first);
        var slotsBefore = (await loadBalancer.StateAsync(Cancellation)).Servers.Where(server => server.InstanceId is not null).ToList();

        var clock = Stopwatch.StartNew();
        await fixture.RegisterAsync(service, fixture.Replicas[1], Cancellation);

        await WaitForMembersAsync(loadBalancer, service, fixture.Replicas.All);
        TestContext.Current.SendDiagnosticMessage($"{fixture.Replicas[1].Name} joined the backend {clock.ElapsedMilliseconds} ms after its registration.");
        var slotsAfter = (await loadBalancer.StateAsync(Cancellation)).Servers;
        Assert.All(slotsBefore, before => Assert.Equal(before.InstanceId, slotsAfter.Single(after => after.Server == before.Server).InstanceId));
        await loadBalancer.Frontend.WaitForRotationAsync(ReplicaNames(fixture.Replicas.All), Cancellation);
    }

    [Fact]
    public async Task StateAndRenderedFileShowWhatHaproxyServes()
    {
        var service = fixture.NewServiceName();
        await using var loadBalancer = await LoadBalancerProcess.StartAsync(
            fixture.Registry.BaseAddress, service, new Dictionary<string, string?> { ["LoadBalancer__Slots"] = "4" });

        await RegisterAsync(service, fixture.Replicas.All);

        await WaitForMembersAsync(loadBalancer, service, fixture.Replicas.All);
        var state = await loadBalancer.StateAsync(Cancellation);
        Assert.Equal(service, state.Service);
        Assert.Equal($"127.0.0.1:{loadBalancer.FrontendPort}", state.Frontend);
        Assert.False(state.RegistryStale);
        Assert.Equal(["s1", "s2", "s3", "s4"], state.Servers.Select(server => server.Server));
        Assert.All(state.Servers.Take(3), server => Assert.StartsWith("UP", server.Status, StringComparison.Ordinal));
        Assert.StartsWith("MAINT", state.Servers[3].Status, StringComparison.Ordinal);
        var configuration = await loadBalancer.ConfigurationAsync(Cancellation);
        Assert.Equal(await File.ReadAllTextAsync(state.Configuration, Cancellation), configuration);
        Assert.All(state.Servers.Take(3), server => Assert.Contains($"server {server.Server} {server.Address}  # {server.InstanceId}", configuration, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KilledReplicaCostsNoFailedRequestAndLeavesTheBackend()
    {
        var service = fixture.NewServiceName();
        await using var doomed = await Replicas.StartAsync("operations-k");
        await using var loadBalancer = await LoadBalancerProcess.StartAsync(fixture.Registry.BaseAddress, service);
        var members = new[] { fixture.Replicas[0], doomed[0], fixture.Replicas[2] };
        await RegisterAsync(service, members);
        await WaitForMembersAsync(loadBalancer, service, members);
        await using var loop = RequestLoop.Start(loadBalancer.Frontend.ServedByAsync, Cancellation);
        await Eventually.UntilAsync("requests to flow", Deadline, () => loop.Served.Count > 30);

        doomed[0].Kill();

        // The registry's check fails, the instance stops passing, and the watcher takes it out of HAProxy.
        await WaitForMembersAsync(loadBalancer, service, [fixture.Replicas[0], fixture.Replicas[2]]);
        var servedAfter = loop.Served.Count;
        await Eventually.UntilAsync("requests to keep flowing", Deadline, () => loop.Served.Count > servedAfter + 30);
        await loop.StopAsync();
        Assert.Empty(loop.Failures);
    }

    [Fact]
    public async Task UnreachableRegistryLeavesTheLastKnownBackendServing()
    {
        await using var registry = ProjectProcess.Start("consul-outage", "Services/Discovery", "Exam3.Discovery");
        await registry.WaitForHttpAsync("/v1/status/leader", Deadline);
        using var consul = new ConsulClient(Options.Create(new ConsulOptions { Address = registry.BaseAddress }));
        await using var loadBalancer = await LoadBalancerProcess.StartAsync(registry.BaseAddress, "operations");
        foreach (var replica in fixture.Replicas.All)
        {
            await consul.RegisterServiceAsync(RegistryFixture.Registration("operations", replica), Cancellation);
        }

        await WaitForMembersAsync(loadBalancer, "operations", fixture.Replicas.All);

        registry.Kill();

        await Eventually.UntilAsync("the load balancer to notice the outage", Deadline, async () => (await loadBalancer.StateAsync(Cancellation)).RegistryStale);
        Assert.Equal(3, (await loadBalancer.MembersAsync(Cancellation)).Count);
        var served = await loadBalancer.Frontend.ServedByAsync(9, Cancellation);
        Assert.True(Frontend.IsRotation(served, ReplicaNames(fixture.Replicas.All)), string.Join(", ", served));
    }

    [Fact]
    public async Task StoppedReplicaDeregistersItselfAndLeavesTheBackendWithoutAFailedRequest()
    {
        await using var registry = ProjectProcess.Start("consul-own", "Services/Discovery", "Exam3.Discovery");
        await registry.WaitForHttpAsync("/v1/status/leader", Deadline);
        await using var replicas = await Replicas.StartSelfRegisteringAsync(registry.BaseAddress, "operations-p", "operations-q", "operations-r");
        await using var loadBalancer = await LoadBalancerProcess.StartAsync(registry.BaseAddress, "operations");
        await Eventually.UntilAsync("the backend to hold the three self-registered replicas", Deadline, async () =>
            (await loadBalancer.MembersAsync(Cancellation)).Order(StringComparer.Ordinal).SequenceEqual(ReplicaNames(replicas.All)));
        await using var loop = RequestLoop.Start(loadBalancer.Frontend.ServedByAsync, Cancellation);
        await Eventually.UntilAsync("requests to flow", Deadline, () => loop.Served.Count > 30);

        await replicas[1].StopAsync(Deadline);

        Assert.Equal(0, replicas[1].ExitCode);
        await Eventually.UntilAsync("the stopped replica to leave the backend", Deadline, async () =>
            (await loadBalancer.MembersAsync(Cancellation)).Order(StringComparer.Ordinal).SequenceEqual(["operations-p", "operations-r"]));
        var servedAfter = loop.Served.Count;
        await Eventually.UntilAsync("requests to keep flowing", Deadline, () => loop.Served.Count > servedAfter + 30);
        await loop.StopAsync();
        Assert.Empty(loop.Failures);
    }

    private async Task RegisterAsync(string service, IEnumerable<ProjectProcess> replicas)
    {
        foreach (var replica in replicas)
        {
            await fixture.RegisterAsync(service, replica, Cancellation);
        }
    }

    private static Task WaitForMembersAsync(LoadBalancerProcess loadBalancer, string service, IEnumerable<ProjectProcess> replicas)
    {
        var expected = replicas.Select(replica => RegistryFixture.InstanceId(service, replica)).Order(StringComparer.Ordinal).ToList();
        return Eventually.UntilAsync($"the backend to hold exactly {string.Join(", ", expected)}", Deadline, async () =>
            (await loadBalancer.MembersAsync(Cancellation)).Order(StringComparer.Ordinal).SequenceEqual(expected));
    }

    private static string[] ReplicaNames(IEnumerable<ProjectProcess> replicas) => [.. replicas.Select(replica => replica.Name)];
}
