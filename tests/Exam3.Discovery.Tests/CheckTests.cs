namespace Exam3.Discovery.Tests;

/// <summary>Checks run for real: HTTP probes against a real server on a free port, TTLs that expire, reaping, maintenance.</summary>
public sealed class CheckTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HttpCheckFollowsTheTargetsAnswers()
    {
        await using var target = await TargetServer.StartAsync();
        await _client.RegisterAsync(new { Name = "probed", Check = new { HTTP = target.HealthUrl, Interval = "200ms" } });

        await WaitForOutputAsync("service:probed", "passing", $"HTTP GET {target.HealthUrl}: 200 OK Output: ok");

        target.StatusCode = 429;
        target.Body = "slow down";
        await WaitForOutputAsync("service:probed", "warning", $"HTTP GET {target.HealthUrl}: 429 Too Many Requests Output: slow down");

        target.StatusCode = 503;
        target.Body = "down";
        await WaitForOutputAsync("service:probed", "critical", $"HTTP GET {target.HealthUrl}: 503 Service Unavailable Output: down");

        target.StatusCode = 201;
        await WaitForStatusAsync("service:probed", "passing");
        lock (target.ProbeAgents)
        {
            Assert.All(target.ProbeAgents, agent => Assert.Equal("Consul Health Check", agent));
        }
    }

    [Fact]
    public async Task HttpCheckOfAStoppedTargetIsCriticalWithGosConnectionRefusedText()
    {
        var target = await TargetServer.StartAsync();
        var url = target.HealthUrl;
        await _client.RegisterAsync(new { Name = "stopping", Check = new { HTTP = url, Interval = "200ms" } });
        await WaitForStatusAsync("service:stopping", "passing");

        await target.StopAsync();
        await target.DisposeAsync();

        var uri = new Uri(url);
        await WaitForOutputAsync("service:stopping", "critical", $"Get \"{url}\": dial tcp 127.0.0.1:{uri.Port}: connect: connection refused");
    }

    [Fact]
    public async Task HttpCheckThatTimesOutIsCritical()
    {
        await using var target = await TargetServer.StartAsync();
        var slow = new Uri(target.BaseAddress, "/slow").ToString();
        await _client.RegisterAsync(new { Name = "timing-out", Check = new { HTTP = slow, Interval = "200ms", Timeout = "300ms", Status = "passing" } });

        await WaitForOutputAsync("service:timing-out", "critical",
            $"Get \"{slow}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        var check = await _client.CheckAsync("service:timing-out");
        Assert.Equal("200ms", check.GetProperty("Interval").GetString());
        Assert.Equal("300ms", check.GetProperty("Timeout").GetString());
    }

    [Fact]
    public async Task TcpCheckPassesWhileSomethingListens()
    {
        await using var target = await TargetServer.StartAsync();
        var address = $"127.0.0.1:{target.BaseAddress.Port}";
        await _client.RegisterAsync(new { Name = "tcp", Check = new { TCP = address, Interval = "200ms" } });

        await WaitForOutputAsync("service:tcp", "passing", $"TCP connect {address}: Success");
        await target.StopAsync();
        await WaitForOutputAsync("service:tcp", "critical", $"dial tcp {address}: connect: connection refused");
    }

    [Fact]
    public async Task TtlCheckStartsCriticalPassesOnUpdateAndExpires()
    {
        // Long enough that the reads right after the update see it before it expires, even on a loaded machine.
        await _client.RegisterAsync(new { Name = "heartbeat", Check = new { TTL = "5s" } });
        Assert.Equal("critical", await _client.CheckStatusAsync("service:heartbeat"));

        await _client.WriteAsync("/v1/agent/check/pass/service:heartbeat?note=alive");
        var passing = await _client.CheckAsync("service:heartbeat");
        Assert.Equal("passing", passing.GetProperty("Status").GetString());
        Assert.Equal("alive", passing.GetProperty("Output").GetString());

        await WaitForOutputAsync("service:heartbeat", "critical", "TTL expired (last output before timeout follows): alive");
    }

    [Fact]
    public async Task TtlUpdatesKeepACheckAliveAndWarnAndFailSetTheirStatus()
    {
        await _client.RegisterAsync(new { Name = "kept", Check = new { TTL = "10s" } });

        await _client.WriteAsync("/v1/agent/check/warn/service:kept");
        Assert.Equal("warning", await _client.CheckStatusAsync("service:kept"));
        await _client.WriteAsync("/v1/agent/check/fail/service:kept?note=broken");
        Assert.Equal("critical", await _client.CheckStatusAsync("service:kept"));
        var update = await _client.WriteAsync("/v1/agent/check/update/service:kept", """{"Status":"nope"}""");
        Assert.Equal("Invalid check status: 'nope'", update.Body);
        await _client.WriteAsync("/v1/agent/check/update/service:kept", """{"Status":"passing","Output":"fine"}""");
        Assert.Equal("passing", await _client.CheckStatusAsync("service:kept"));
    }

    [Fact]
    public async Task ServiceCriticalForLongerThanDeregisterCriticalServiceAfterIsRemoved()
    {
        await _client.RegisterAsync(new { Name = "doomed", Check = new { TTL = "60s", DeregisterCriticalServiceAfter = "100ms" } });
        await _client.RegisterAsync(new { Name = "spared", Check = new { TTL = "60s", Status = "passing", DeregisterCriticalServiceAfter = "100ms" } });

        await Eventually.UntilAsync("the critical instance to be reaped", Deadline,
            async () => !(await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("doomed", out _));

        Assert.Null(await _client.CheckStatusAsync("service:doomed"));
        Assert.True((await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("spared", out _));
    }

    [Fact]
    public async Task MaintenanceTakesAnInstanceOutOfPassingUntilDisabled()
    {
        await _client.RegisterAsync(new { Name = "serviced", Check = new { TTL = "60s", Status = "passing" } });
        Assert.Equal(1, (await _client.ReadAsync("/v1/health/service/serviced?passing")).Json.GetArrayLength());

        Assert.Equal(System.Net.HttpStatusCode.OK, (await _client.WriteAsync("/v1/agent/service/maintenance/serviced?enable=true&reason=upgrade")).Status);
        var check = await _client.CheckAsync("_service_maintenance:serviced");
        Assert.Equal("critical", check.GetProperty("Status").GetString());
        Assert.Equal("upgrade", check.GetProperty("Notes").GetString());
        Assert.Equal("Service Maintenance Mode", check.GetProperty("Name").GetString());
        Assert.Equal("maintenance", check.GetProperty("Type").GetString());
        Assert.Equal(0, (await _client.ReadAsync("/v1/health/service/serviced?passing")).Json.GetArrayLength());

        await _client.WriteAsync("/v1/agent/service/maintenance/serviced?enable=false");
        Assert.Null(await _client.CheckStatusAsync("_service_maintenance:serviced"));
        Assert.Equal(1, (await _client.ReadAsync("/v1/health/service/serviced?passing")).Json.GetArrayLength());
    }

    [Fact]
    public async Task MaintenanceWithoutReasonUsesConsulsDefaultNote()
    {
        await _client.RegisterAsync(new { Name = "unexplained" });

        await _client.WriteAsync("/v1/agent/service/maintenance/unexplained?enable=1");

        Assert.Equal("Maintenance mode is enabled for this service, but no reason was provided. This is a default message.",
            (await _client.CheckAsync("_service_maintenance:unexplained")).GetProperty("Notes").GetString());
    }

    [Fact]
    public async Task StandaloneCheckCanBeRegisteredAndDeregistered()
    {
        await _client.RegisterAsync(new { Name = "host" });

        var registered = await _client.WriteJsonAsync("/v1/agent/check/register", new { Name = "disk", ServiceID = "host", TTL = "60s", Status = "passing" });
        Assert.Equal(System.Net.HttpStatusCode.OK, registered.Status);
        Assert.Equal("passing", await _client.CheckStatusAsync("disk"));
        Assert.Equal("host", (await _client.CheckAsync("disk")).GetProperty("ServiceName").GetString());

        Assert.Equal(System.Net.HttpStatusCode.OK, (await _client.WriteAsync("/v1/agent/check/deregister/disk")).Status);
        Assert.Null(await _client.CheckStatusAsync("disk"));
    }

    private Task WaitForStatusAsync(string checkId, string status) =>
        Eventually.UntilAsync($"{checkId} to be {status}", Deadline, async () => await _client.CheckStatusAsync(checkId) == status);

    private async Task WaitForOutputAsync(string checkId, string status, string output)
    {
        await WaitForStatusAsync(checkId, status);
        await Eventually.UntilAsync($"{checkId}'s output \"{output}\"", Deadline,
            async () => (await _client.CheckAsync(checkId)).GetProperty("Output").GetString() == output);
    }
}
