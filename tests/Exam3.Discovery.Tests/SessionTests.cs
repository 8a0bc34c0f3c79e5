namespace Exam3.Discovery.Tests;

/// <summary>Consul's sessions and KV locks, on a clock the tests move.</summary>
public sealed class SessionTests(SessionClockFactory factory) : IClassFixture<SessionClockFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task CreateWithoutABodyTakesConsulsDefaults()
    {
        var id = await CreateAsync(null);

        var session = Assert.Single((await _client.ReadAsync($"/v1/session/info/{id}")).Json.EnumerateArray());

        Assert.Equal(DiscoveryFactory.NodeName, session.GetProperty("Node").GetString());
        Assert.Equal(15_000_000_000, session.GetProperty("LockDelay").GetInt64());
        Assert.Equal("release", session.GetProperty("Behavior").GetString());
        Assert.Equal("", session.GetProperty("TTL").GetString());
        Assert.Equal(["serfHealth"], session.GetProperty("NodeChecks").EnumerateArray().Select(check => check.GetString()));
        Assert.Equal(JsonValueKind.Null, session.GetProperty("ServiceChecks").ValueKind);
        Assert.False(session.TryGetProperty("Checks", out _));
    }

    [Fact]
    public async Task SessionsAreListedAllAndByNodeAndUnknownOnesAreEmpty()
    {
        var id = await CreateAsync(new { Name = "listed" });

        Assert.Contains((await _client.ReadAsync("/v1/session/list")).Json.EnumerateArray(), session => session.GetProperty("ID").GetString() == id);
        Assert.Contains((await _client.ReadAsync($"/v1/session/node/{DiscoveryFactory.NodeName}")).Json.EnumerateArray(), session => session.GetProperty("ID").GetString() == id);
        Assert.Equal("[]\n", (await _client.ReadAsync("/v1/session/info/adf4238a-882b-9ddc-4a9d-5b6758e4159e")).Body);
        Assert.Equal("[]\n", (await _client.ReadAsync("/v1/session/node/other-node")).Body);
    }

    [Fact]
    public async Task LockHeldByOneSessionCannotBeAcquiredByAnother()
    {
        var first = await CreateAsync(new { LockDelay = "0s" });
        var second = await CreateAsync(new { LockDelay = "0s" });

        Assert.Equal("true\n", (await _client.WriteAsync($"/v1/kv/locks/leader?acquire={first}", "first")).Body);
        Assert.Equal("false\n", (await _client.WriteAsync($"/v1/kv/locks/leader?acquire={second}", "second")).Body);
        Assert.Equal("false\n", (await _client.WriteAsync($"/v1/kv/locks/leader?release={second}", "")).Body);
        var held = (await _client.ReadAsync("/v1/kv/locks/leader")).Json[0];
        Assert.Equal(first, held.GetProperty("Session").GetString());
        Assert.Equal(1, held.GetProperty("LockIndex").GetInt64());
        Assert.Equal("Zmlyc3Q=", held.GetProperty("Value").GetString());

        Assert.Equal("true\n", (await _client.WriteAsync($"/v1/kv/locks/leader?release={first}", "first")).Body);
        Assert.False((await _client.ReadAsync("/v1/kv/locks/leader")).Json[0].TryGetProperty("Session", out _));
        Assert.Equal("true\n", (await _client.WriteAsync($"/v1/kv/locks/leader?acquire={second}", "second")).Body);
        Assert.Equal(2, (await _client.ReadAsync("/v1/kv/locks/leader")).Json[0].GetProperty("LockIndex").GetInt64());
    }

    [Fact]
    public async Task DestroyReleasesTheLockAndTheLockDelayKeepsOthersOut()
    {
        var holder = await CreateAsync(new { LockDelay = "10s" });
        var waiter = await CreateAsync(null);
        await _client.WriteAsync($"/v1/kv/locks/delayed?acquire={holder}", "held");

        Assert.Equal("true\n", (await _client.WriteAsync($"/v1/session/destroy/{holder}")).Body);

        var released = (await _client.ReadAsync("/v1/kv/locks/delayed")).Json[0];
        Assert.False(released.TryGetProperty("Session", out _));
        Assert.Equal("aGVsZA==", released.GetProperty("Value").GetString());
        Assert.Equal("false\n", (await _client.WriteAsync($"/v1/kv/locks/delayed?acquire={waiter}", "mine")).Body);
        factory.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal("true\n", (await _client.WriteAsync($"/v1/kv/locks/delayed?acquire={waiter}", "mine")).Body);
    }

    [Fact]
    public async Task DeleteBehaviorDeletesTheHeldKeysWhenTheSessionEnds()
    {
        var holder = await CreateAsync(new { Behavior = "delete", LockDelay = 0 });
        await _client.WriteAsync($"/v1/kv/locks/ephemeral?acquire={holder}", "x");

        await _client.WriteAsync($"/v1/session/destroy/{holder}");

        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/kv/locks/ephemeral")).Status);
    }

    [Fact]
    public async Task TtlSessionEndsAtTwiceItsTtlAndNotBefore()
    {
        var id = await CreateAsync(new { TTL = "10s", LockDelay = "0s" });
        await _client.WriteAsync($"/v1/kv/locks/ttl?acquire={id}", "x");

        factory.Clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(1, (await _client.ReadAsync($"/v1/session/info/{id}")).Json.GetArrayLength());

        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        await Eventually.UntilAsync("the session to expire", Deadline,
            async () => (await _client.ReadAsync($"/v1/session/info/{id}")).Json.GetArrayLength() == 0);
        Assert.False((await _client.ReadAsync("/v1/kv/locks/ttl")).Json[0].TryGetProperty("Session", out _));
    }

    [Fact]
    public async Task RenewStartsTheTtlAgain()
    {
        var id = await CreateAsync(new { TTL = "10s" });
        factory.Clock.Advance(TimeSpan.FromSeconds(15));

        var renewed = await _client.WriteAsync($"/v1/session/renew/{id}");
        factory.Clock.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(id, Assert.Single(renewed.Json.EnumerateArray()).GetProperty("ID").GetString());
        Assert.Equal(1, (await _client.ReadAsync($"/v1/session/info/{id}")).Json.GetArrayLength());
        factory.Clock.Advance(TimeSpan.FromSeconds(6));
        await Eventually.UntilAsync("the session to expire", Deadline,
            async () => (await _client.ReadAsync($"/v1/session/info/{id}")).Json.GetArrayLength() == 0);
    }

    [Fact]
    public async Task RenewOfAnUnknownSessionIsNotFound()
    {
        var answer = await _client.WriteAsync("/v1/session/renew/adf4238a-882b-9ddc-4a9d-5b6758e4159e");

        answer.ShouldBe(HttpStatusCode.NotFound, "Session id 'adf4238a-882b-9ddc-4a9d-5b6758e4159e' not found");
    }

    [Fact]
    public async Task WatcherOfALockedKeyWakesWhenItsSessionExpires()
    {
        var id = await CreateAsync(new { TTL = "10s", LockDelay = "0s" });
        await _client.WriteAsync($"/v1/kv/locks/watched?acquire={id}", "x");
        var first = await _client.ReadAsync("/v1/kv/locks/watched");

        var waiting = _client.ReadAsync($"/v1/kv/locks/watched?index={first.Index}&wait=60s");
        factory.Clock.Advance(TimeSpan.FromSeconds(21));
        var answer = await waiting.WaitAsync(Deadline, Cancellation);

        Assert.True(answer.Index > first.Index);
        Assert.False(answer.Json[0].TryGetProperty("Session", out _));
    }

    [Fact]
    public async Task WatcherOfTheSessionListWakesOnCreateAndDestroy()
    {
        var first = await _client.ReadAsync("/v1/session/list");

        var waiting = _client.ReadAsync($"/v1/session/list?index={first.Index}&wait=60s");
        var id = await CreateAsync(null);
        var created = await waiting.WaitAsync(Deadline, Cancellation);
        var destroying = _client.ReadAsync($"/v1/session/list?index={created.Index}&wait=60s");
        await _client.WriteAsync($"/v1/session/destroy/{id}");
        var destroyed = await destroying.WaitAsync(Deadline, Cancellation);

        Assert.Contains(created.Json.EnumerateArray(), session => session.GetProperty("ID").GetString() == id);
        Assert.DoesNotContain(destroyed.Json.EnumerateArray(), session => session.GetProperty("ID").GetString() == id);
    }

    [Fact]
    public async Task SessionBoundToACheckEndsWhenTheCheckTurnsCritical()
    {
        await _client.RegisterAsync(new { Name = "guarded", Check = new { TTL = "300s", Status = "passing" } });
        var id = await CreateAsync(new { NodeChecks = new[] { "serfHealth" }, ServiceChecks = new[] { new { ID = "service:guarded" } }, LockDelay = "0s" });
        await _client.WriteAsync($"/v1/kv/locks/guarded?acquire={id}", "x");

        await _client.WriteAsync("/v1/agent/check/fail/service:guarded");

        await Eventually.UntilAsync("the session to be invalidated", Deadline,
            async () => (await _client.ReadAsync($"/v1/session/info/{id}")).Json.GetArrayLength() == 0);
        Assert.False((await _client.ReadAsync("/v1/kv/locks/guarded")).Json[0].TryGetProperty("Session", out _));
    }

    [Theory]
    [InlineData("""{"Checks":["no-such-check"]}""", "Missing check 'no-such-check' registration")]
    [InlineData("""{"TTL":"5s"}""", "Invalid Session TTL '5000000000', must be between [10s=24h0m0s]")]
    [InlineData("""{"TTL":"soon"}""", "Session TTL 'soon' invalid: time: invalid duration \"soon\"")]
    [InlineData("""{"Behavior":"vanish"}""", "Invalid Behavior setting 'vanish'")]
    [InlineData("""{"Node":"elsewhere"}""", "Missing node registration")]
    public async Task InvalidSessionIsRefusedWithConsulsError(string body, string message)
    {
        var answer = await _client.WriteAsync("/v1/session/create", body);

        answer.ShouldBe(HttpStatusCode.InternalServerError, message);
    }

    [Fact]
    public async Task SessionOnACriticalCheckIsRefused()
    {
        await _client.RegisterAsync(new { Name = "sick-session", Check = new { TTL = "300s" } });

        var answer = await _client.WriteAsync("/v1/session/create", """{"Checks":["serfHealth","service:sick-session"]}""");

        Assert.Equal("Check 'service:sick-session' is in critical state", answer.Body);
    }

    // Below 1000 a number is seconds, multiplied in Go's int64, which wraps around: -1e300 is MinInt64, and that times
    // 1e9 is 0. A hostile run found the multiplication overflowing here into a 500.
    [Theory]
    [InlineData(15, 15_000_000_000)]
    [InlineData(-5, -5_000_000_000)]
    [InlineData(2e9, 2_000_000_000)]
    [InlineData(-1e300, 0)]
    public async Task LockDelayNumbersAreReadAsConsulReadsThem(double number, long nanoseconds)
    {
        var id = await CreateAsync(new { LockDelay = number });

        var session = Assert.Single((await _client.ReadAsync($"/v1/session/info/{id}")).Json.EnumerateArray());
        Assert.Equal(nanoseconds, session.GetProperty("LockDelay").GetInt64());
    }

    private async Task<string> CreateAsync(object? body)
    {
        var answer = body is null ? await _client.WriteAsync("/v1/session/create") : await _client.WriteJsonAsync("/v1/session/create", body);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        return answer.Json.GetProperty("ID").GetString()!;
    }
}

/// <summary>A session's TTL on the real clock: it ends, in bounded time, and not at once.</summary>
public sealed class SessionExpiryTests(ShortSessionFactory factory) : IClassFixture<ShortSessionFactory>
{
    [Fact]
    public async Task TtlSessionExpiresOnTheRealClockAndReleasesItsLock()
    {
        var client = factory.CreateClient();
        var id = (await client.WriteAsync("/v1/session/create", """{"TTL":"1s","LockDelay":"0s"}""")).Json.GetProperty("ID").GetString();
        await client.WriteAsync($"/v1/kv/expiring?acquire={id}", "x");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Eventually.UntilAsync("the session to expire", TimeSpan.FromSeconds(15),
            async () => (await client.ReadAsync($"/v1/session/info/{id}")).Json.GetArrayLength() == 0);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"expired after {clock.Elapsed}, before twice its 1s TTL");
        Assert.False((await client.ReadAsync("/v1/kv/expiring")).Json[0].TryGetProperty("Session", out _));
    }
}
