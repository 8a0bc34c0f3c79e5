namespace Exam3.Gateway.Tests;

/// <summary>What the gateway answers itself, what it adds on the way through, and what it never exposes.</summary>
public sealed class GatewayEdgeTests(TopologyFixture fixture) : ProcessTestClass, IClassFixture<TopologyFixture>
{
    private readonly Topology _topology = fixture.Topology;

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task GatewayAnswersItsOwnHealthEndpoints(string path)
    {
        using var response = await _topology.Client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task UnknownPathAnswers404ProblemDetails()
    {
        using var response = await _topology.Client.GetAsync("/api/nobody-registered-this/add", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RegistryApiIsNeverReachableThroughTheGateway()
    {
        // Even a registration that asks for it: the registry's service is never routed, nor are the gateway's own paths.
        await _topology.RegisterAsync("consul", "consul-api", _topology.Consul.Address, "/v1", checkHealth: false);
        var echo = await _topology.StartEchoAsync("greedy");
        await _topology.Consul.RegisterServiceAsync(new ServiceDefaults.Consul.ServiceRegistration
        {
            Name = "greedy",
            Id = echo.Id,
            Address = echo.BaseAddress.Host,
            Port = echo.BaseAddress.Port,
            Tags = ["urlprefix-/health", "urlprefix-/alive/x", "urlprefix-/", "urlprefix-/api/greedy"],
        }, Cancellation);
        await _topology.WaitUntilServedByAsync("/api/greedy/x", echo.Id);

        foreach (var path in new[] { "/v1/agent/services", "/v1/catalog/services", "/v1/status/leader" })
        {
            using var response = await _topology.Client.GetAsync(path, Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var health = await _topology.Client.GetAsync("/health", Cancellation);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(Cancellation));
        Assert.False(health.Headers.Contains(Topology.ServedBy));
        Assert.DoesNotContain(echo.Received, request => !request.PathAndQuery.StartsWith("/x", StringComparison.Ordinal));
        // The console logger writes asynchronously: the warning may follow the answers above.
        await _topology.Gateway.WaitForOutputAsync("urlprefix-/health, which is not routed", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ReplicaSeesThePrefixStrippedTheForwardedHeadersAndTheClientsTrace()
    {
        var echo = await _topology.StartRoutedEchoAsync("headers", "headers", "/api/headers");
        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string ClientSpanId = "00f067aa0ba902b7";

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/headers/orders/7?expand=lines");
        request.Headers.Add("traceparent", $"00-{TraceId}-{ClientSpanId}-01");
        using var response = await _topology.Client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(echo.Id, response.Headers.GetValues(Topology.ServedBy).Single());
        var received = Assert.Single(echo.Received);
        Assert.Equal("/orders/7?expand=lines", received.PathAndQuery);
        Assert.Equal("127.0.0.1", received.Headers["X-Forwarded-For"]);
        Assert.Equal("http", received.Headers["X-Forwarded-Proto"]);
        Assert.Equal(_topology.Gateway.BaseAddress.Authority, received.Headers["X-Forwarded-Host"]);
        Assert.Equal("/api/headers", received.Headers["X-Forwarded-Prefix"]);
        var traceparent = received.Headers["traceparent"].Split('-');
        Assert.Equal(TraceId, traceparent[1]);
        // The gateway's own span sits between the client and the replica.
        Assert.NotEqual(ClientSpanId, traceparent[2]);
    }

    [Fact]
    public async Task GatewayExportsItsForwardingSpanInTheTraceTheReplicaContinues()
    {
        await using var sink = await OtlpSink.StartAsync();
        var echo = await _topology.StartEchoAsync("traced");
        await _topology.RegisterAsync("traced", echo.Id, echo.BaseAddress, "/api/traced");
        var (_, client) = await _topology.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        using (client)
        {
            await Eventually.UntilAsync("the traced gateway to route", TimeSpan.FromSeconds(30), async () =>
            {
                using var probe = await client.GetAsync("/api/traced/probe");
                return probe.StatusCode == HttpStatusCode.OK;
            });
            echo.Received.Clear();
            var traceId = System.Diagnostics.ActivityTraceId.CreateRandom();

            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/traced/x");
            request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-00f067aa0ba902b7-01");
            using var response = await client.SendAsync(request, Cancellation);

            var parent = Assert.Single(echo.Received).Headers["traceparent"].Split('-');
            Assert.Equal(traceId.ToHexString(), parent[1]);
            await Eventually.UntilAsync("the gateway to export YARP's span of that trace", TimeSpan.FromSeconds(30), () =>
                sink.AnyPayloadContains(Convert.FromHexString(traceId.ToHexString()), "proxy.forwarder"u8.ToArray())
                && sink.AnyPayloadContains(Convert.FromHexString(parent[2])));
        }
    }

    [Fact]
    public async Task BodyOverTheLimitIsRefusedWith413BeforeReachingAReplica()
    {
        var echo = await _topology.StartRoutedEchoAsync("upload", "upload", "/api/upload");

        using var small = await _topology.Client.PostAsync("/api/upload/files", new ByteArrayContent(new byte[1024]), Cancellation);
        // As curl does for large bodies: Expect: 100-continue lets the gateway refuse before the body is sent. Without it
        // the client may still be writing when the gateway answers and closes, and sees a broken pipe, not the 413.
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/upload/files") { Content = new ByteArrayContent(new byte[2 * 1024 * 1024]) };
        upload.Headers.ExpectContinue = true;
        using var large = await _topology.Client.SendAsync(upload, Cancellation);

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("application/problem+json", large.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1024, Assert.Single(echo.Received).BodyBytes);
    }

    [Fact]
    public async Task DefaultGatewayHasNoRateLimit()
    {
        await _topology.StartRoutedEchoAsync("unlimited", "unlimited", "/api/unlimited");

        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < 150; request++)
        {
            using var response = await _topology.Client.GetAsync("/api/unlimited/x", Cancellation);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
