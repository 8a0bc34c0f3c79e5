using System.Text.Json;

namespace Exam3.ServiceDefaults.Tests;

/// <summary>Operations processes registering with a real Exam3.Discovery process.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task ServiceRegistersOnStartWithItsNameIdAddressPortTagsMetaAndCheck()
    {
        await using var registry = await RegistryProcess.StartAsync();

        await using var replica = await OperationsReplica.StartAsync(registry.Address, "operations-r1");
        await Eventually.UntilAsync("operations-r1 to register", Deadline, async () => await registry.AgentServiceAsync("operations-r1") is not null);

        var service = (await registry.AgentServiceAsync("operations-r1"))!.Value;
        Assert.Equal("operations", service.GetProperty("Service").GetString());
        Assert.Equal("127.0.0.1", service.GetProperty("Address").GetString());
        Assert.Equal(replica.BaseAddress.Port, service.GetProperty("Port").GetInt32());
        Assert.Equal(["urlprefix-/api/operations"], service.GetProperty("Tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("1.0.0", service.GetProperty("Meta").GetProperty("version").GetString());
        Assert.Equal("operations-r1", service.GetProperty("Meta").GetProperty("instance").GetString());
        var check = Assert.Single(await registry.AgentChecksAsync("operations-r1"));
        Assert.Equal("http", check.GetProperty("Type").GetString());
        Assert.Equal("2s", check.GetProperty("Interval").GetString());
        Assert.Equal("2s", check.GetProperty("Timeout").GetString());
        // Consul shows a check's target only in its output, once it ran: "HTTP GET <url>: 200 OK Output: ...".
        await Eventually.UntilAsync("the registry to run its check", Deadline, async () =>
            Assert.Single(await registry.AgentChecksAsync("operations-r1")).GetProperty("Output").GetString() is { Length: > 0 });
        var passed = Assert.Single(await registry.AgentChecksAsync("operations-r1"));
        Assert.Equal("passing", passed.GetProperty("Status").GetString());
        Assert.StartsWith($"HTTP GET {new Uri(replica.BaseAddress, "/health")}: 200", passed.GetProperty("Output").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHealthyServiceRegistersPassingSoItGetsTrafficBeforeTheRegistryFirstChecksIt()
    {
        await using var registry = await RegistryProcess.StartAsync();

        // The registry runs a new check first at a random moment within its interval; ten minutes leave time to look before.
        await using var replica = await OperationsReplica.StartAsync(registry.Address, "operations-r6", checkInterval: TimeSpan.FromMinutes(10));
        await Eventually.UntilAsync("operations-r6 to register", Deadline, async () => await registry.AgentServiceAsync("operations-r6") is not null);

        Assert.Contains("operations-r6", await registry.PassingIdsAsync("operations"));
    }

    [Fact]
    public async Task GracefulStopDeregistersFirstAndServesOnDuringTheDrain()
    {
        await using var registry = await RegistryProcess.StartAsync();
        await using var replica = await OperationsReplica.StartAsync(registry.Address, "operations-r2", drain: TimeSpan.FromSeconds(10));
        await Eventually.UntilAsync("operations-r2 to register", Deadline, async () => await registry.AgentServiceAsync("operations-r2") is not null);

        var stopping = replica.StopAsync(Deadline);
        await Eventually.UntilAsync("operations-r2 to deregister", Deadline, async () => await registry.AgentServiceAsync("operations-r2") is null);

        Assert.False(replica.HasExited);
        Assert.Equal("200", await OperationsReplica.HealthAsync(replica));
        await stopping;
        Assert.Equal(0, replica.ExitCode);
        Assert.Null(await registry.AgentServiceAsync("operations-r2"));
    }

    [Fact]
    public async Task ServiceRegistersAgainAfterTheRegistryRestarts()
    {
        var port = FreePort.Next();
        var first = await RegistryProcess.StartAsync(port);
        await using var replica = await OperationsReplica.StartAsync(first.Address, "operations-r3");
        await Eventually.UntilAsync("operations-r3 to register", Deadline, async () => await first.AgentServiceAsync("operations-r3") is not null);

        first.Kill();
        await first.DisposeAsync();
        await using var second = await RegistryProcess.StartAsync(port);

        await Eventually.UntilAsync("operations-r3 to register again", Deadline, async () => await second.AgentServiceAsync("operations-r3") is not null);
        Assert.False(replica.HasExited);
    }

    [Fact]
    public async Task ServiceStartedBeforeTheRegistryServesAndRegistersOnceTheRegistryComes()
    {
        var port = FreePort.Next();
        await using var replica = await OperationsReplica.StartAsync(new Uri($"http://127.0.0.1:{port}/"), "operations-r4");
        Assert.Equal("200", await OperationsReplica.HealthAsync(replica));

        await using var registry = await RegistryProcess.StartAsync(port);

        await Eventually.UntilAsync("operations-r4 to register", Deadline, async () => await registry.AgentServiceAsync("operations-r4") is not null);
        Assert.False(replica.HasExited);
        Assert.Single(replica.Output, line => line.Contains("Cannot register operations-r4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegistrationSwitchedOffByConfigurationLeavesTheRegistryAlone()
    {
        await using var registry = await RegistryProcess.StartAsync();

        await using var replica = await OperationsReplica.StartAsync(registry.Address, "operations-r5", register: false);
        await replica.WaitForOutputAsync("Registration in the registry is off", Deadline);
        var stopping = replica.StopAsync(Deadline);

        Assert.Null(await registry.AgentServiceAsync("operations-r5"));
        await stopping;
        Assert.DoesNotContain(replica.Output, line => line.Contains("Registered operations-r5", StringComparison.Ordinal));
        Assert.DoesNotContain(replica.Output, line => line.Contains("Deregistered operations-r5", StringComparison.Ordinal));
    }
}
