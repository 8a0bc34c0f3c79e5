using System.Net.Sockets;

namespace Exam3.Discovery.Tests;

/// <summary>The registry as the AppHost runs it: a real process on ASPNETCORE_URLS, probing a real Operations replica.</summary>
public sealed class RealProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private ProjectProcess _registry = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _registry = ProjectProcess.Start("consul", "Services/Discovery", "Exam3.Discovery",
            environment: new Dictionary<string, string?>
            {
                ["OTEL_SERVICE_NAME"] = "consul",
                ["Discovery__MinimumCheckInterval"] = "00:00:00.2",
                ["Discovery__NodeName"] = "process-node",
            },
            log: line => TestContext.Current.TestOutputHelper?.WriteLine(line));
        await _registry.WaitForHttpAsync("/v1/status/leader", StartTimeout);
        _client = new HttpClient { BaseAddress = _registry.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _registry.DisposeAsync();
    }

    [Fact]
    public async Task RegistryProcessProbesARealReplicaAndLogsRegistrationChanges()
    {
        await using var replica = ProjectProcess.Start("operations-a", "Services/Operations", "Exam3.Operations");
        await replica.WaitForHttpAsync("/health", StartTimeout);
        await _client.RegisterAsync(new
        {
            Name = "operations",
            ID = "operations-a",
            Address = "127.0.0.1",
            Port = replica.BaseAddress.Port,
            Check = new { HTTP = new Uri(replica.BaseAddress, "/health").ToString(), Interval = "500ms", Timeout = "2s" },
        });

        await Eventually.UntilAsync("the replica to be passing", TimeSpan.FromSeconds(30),
            async () => (await _client.ReadAsync("/v1/health/service/operations?passing")).Json.GetArrayLength() == 1);
        replica.Kill();
        await Eventually.UntilAsync("the killed replica to leave ?passing", TimeSpan.FromSeconds(30),
            async () => (await _client.ReadAsync("/v1/health/service/operations?passing")).Json.GetArrayLength() == 0);
        await _client.WriteAsync("/v1/agent/service/deregister/operations-a");

        await _registry.WaitForOutputAsync("Registered instance operations-a of service operations", TimeSpan.FromSeconds(10));
        await _registry.WaitForOutputAsync("Check service:operations-a of instance operations-a of service operations is now critical", TimeSpan.FromSeconds(10));
        await _registry.WaitForOutputAsync("Deregistered instance operations-a of service operations", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task HeadersGoOutWithGosCanonicalSpelling()
    {
        // HttpClient hides header spelling; a raw socket shows what a real Consul agent's wire looks like.
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _registry.BaseAddress.Port, Cancellation);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /v1/health/service/consul HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), Cancellation);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(Cancellation);

        Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
        foreach (var header in (string[])["X-Consul-Index: ", "X-Consul-Knownleader: true", "X-Consul-Lastcontact: 0", "X-Consul-Default-Acl-Policy: allow", "X-Consul-Effective-Consistency: leader", "X-Consul-Query-Backend: blocking-query", "Content-Type: application/json"])
        {
            Assert.Contains($"\r\n{header}", response, StringComparison.Ordinal);
        }

        Assert.Contains("\"Node\": \"process-node\"", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathEscapesAreDecodedOnceAsGoDecodesAPath()
    {
        // Only a real server has the raw request target, in which %2F and %252F still differ.
        await _client.WriteAsync("/v1/kv/once/a%252Fb%20c%2Fd", "literal");

        var keys = (await _client.ReadAsync("/v1/kv/once/?keys")).Json;

        Assert.Equal(["once/a%2Fb c/d"], keys.EnumerateArray().Select(key => key.GetString()));
    }

    [Fact]
    public async Task UrlsArgumentOverridesTheDefaultAddress()
    {
        var port = FreePort.Next();
        await using var registry = ProjectProcess.Start("consul-urls", "Services/Discovery", "Exam3.Discovery", port,
            environment: new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = null },
            arguments: ["--urls", $"http://127.0.0.1:{port}"]);

        await registry.WaitForHttpAsync("/v1/status/leader", StartTimeout);

        // The console logger writes asynchronously: the line may follow the first answer.
        await registry.WaitForOutputAsync($"Now listening on: http://127.0.0.1:{port}", StartTimeout);
    }

    [Fact]
    public async Task ShutdownAnswersWaitingQueriesInsteadOfHoldingThem()
    {
        var first = await _client.ReadAsync("/v1/catalog/services");
        var waiting = _client.ReadAsync($"/v1/catalog/services?index={first.Index}&wait=10m");
        await _client.ReadAsync("/v1/status/leader");

        await _registry.StopAsync(TimeSpan.FromSeconds(20));
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(20), Cancellation);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(first.Index, answer.Index);
        Assert.Equal(0, _registry.ExitCode);
    }
}
