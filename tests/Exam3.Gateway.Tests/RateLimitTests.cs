using System.Diagnostics;
using System.Globalization;

namespace Exam3.Gateway.Tests;

/// <summary>The per-client fixed-window limit, counted exactly: the permitted requests pass, the next one does not.</summary>
public sealed class RateLimitTests(TopologyFixture fixture) : ProcessTestClass, IClassFixture<TopologyFixture>
{
    private const int Permits = 5;

    // Long enough that six requests on loopback fit in it on a loaded machine (the test checks that they did), short
    // enough that waiting for the next window costs the test only seconds.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private readonly Topology _topology = fixture.Topology;

    [Fact]
    public async Task ClientGetsExactlyItsPermitsPerWindowThen429WithRetryAfterAndANewWindowAdmitsAgain()
    {
        var echo = await _topology.StartEchoAsync("limited");
        await _topology.RegisterAsync("limited", echo.Id, echo.BaseAddress, "/api/limited");
        var (gateway, _) = await _topology.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["Gateway__RateLimit__Enabled"] = "true",
            ["Gateway__RateLimit__PermitLimit"] = Permits.ToString(CultureInfo.InvariantCulture),
            ["Gateway__RateLimit__Window"] = Window.ToString("c", CultureInfo.InvariantCulture),
        });
        // Waiting for the route spends permits, so another client address waits: the client under test starts with all of
        // its own, and the route, the connection pool and the JIT are all warm before it sends a thing.
        using (var warmUp = LoopbackClient.From(IPAddress.Parse("127.0.0.2"), gateway.BaseAddress))
        {
            await Eventually.UntilAsync("the limited gateway to route", TimeSpan.FromSeconds(30), async () =>
            {
                using var probe = await warmUp.GetAsync("/api/limited/warm-up");
                return probe.StatusCode == HttpStatusCode.OK;
            });
        }

        using var client = LoopbackClient.From(IPAddress.Parse("127.0.0.3"), gateway.BaseAddress);
        var clock = Stopwatch.StartNew();
        var firstWindow = await SendAsync(client, Permits + 1);
        var firstWindowTook = clock.Elapsed;
        var lastRejectedSent = clock.Elapsed;
        await Eventually.UntilAsync("a new window to admit the client", Window + TimeSpan.FromSeconds(10), async () =>
        {
            var sent = clock.Elapsed;
            using var response = await client.GetAsync("/api/limited/x");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                lastRejectedSent = sent;
                return false;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return true;
        });
        var readmittedAfter = clock.Elapsed;
        var secondWindow = await SendAsync(client, Permits);
        var secondWindowTook = clock.Elapsed - lastRejectedSent;

        // The limiter's window opens at the client's first request, after the clock started, and the next opens when
        // the last rejected one has been answered: taking less than a window each, both bursts fell in one window.
        Assert.True(firstWindowTook < Window, $"The first burst took {firstWindowTook}, longer than the window, on this machine.");
        Assert.True(secondWindowTook < Window, $"The second burst took {secondWindowTook}, longer than the window, on this machine.");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Permits), HttpStatusCode.TooManyRequests], firstWindow.Select(answer => answer.Status));
        var rejected = firstWindow[^1];
        Assert.Equal("application/problem+json", rejected.MediaType);
        Assert.InRange(rejected.RetryAfterSeconds ?? 0, 1, (int)Math.Ceiling(Window.TotalSeconds));
        Assert.True(readmittedAfter >= Window, $"A new window admitted the client after {readmittedAfter}, before the window of {Window} ended.");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, Permits - 1), HttpStatusCode.TooManyRequests], secondWindow.Select(answer => answer.Status));
        // The replica saw the admitted requests and nothing else: 5 + 1 + 4 to /x.
        Assert.Equal(2 * Permits, echo.Received.Count(request => request.PathAndQuery == "/x"));
    }

    [Fact]
    public async Task TheRegistrysHealthCheckIsNeverLimited()
    {
        var (gateway, _) = await _topology.StartGatewayAsync(new Dictionary<string, string?>
        {
            ["Gateway__RateLimit__Enabled"] = "true",
            ["Gateway__RateLimit__PermitLimit"] = "1",
            ["Gateway__RateLimit__Window"] = "00:10:00",
        });
        using var client = LoopbackClient.From(IPAddress.Loopback, gateway.BaseAddress);

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/health", "/alive", "/health", "/alive", "/health" })
        {
            using var response = await client.GetAsync(path, Cancellation);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    private static async Task<List<Answer>> SendAsync(HttpClient client, int count)
    {
        var answers = new List<Answer>();
        for (var request = 0; request < count; request++)
        {
            using var response = await client.GetAsync("/api/limited/x", Cancellation);
            answers.Add(new(
                response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.RetryAfter?.Delta is { } delay ? (int)delay.TotalSeconds : null));
        }

        return answers;
    }

    private sealed record Answer(HttpStatusCode Status, string? MediaType, int? RetryAfterSeconds);
}
