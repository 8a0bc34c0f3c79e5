namespace Exam3.Discovery.Tests;

public sealed class KvTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PutThenGetReturnsTheValueBase64WithIndexes()
    {
        Assert.Equal("true\n", (await _client.WriteAsync("/v1/kv/app/config?flags=42", "hello")).Body);

        var answer = await _client.ReadAsync("/v1/kv/app/config");

        var entry = Assert.Single(answer.Json.EnumerateArray());
        Assert.Equal("app/config", entry.GetProperty("Key").GetString());
        Assert.Equal("aGVsbG8=", entry.GetProperty("Value").GetString());
        Assert.Equal(42ul, entry.GetProperty("Flags").GetUInt64());
        Assert.Equal(answer.Index, entry.GetProperty("ModifyIndex").GetInt64());
    }

    [Fact]
    public async Task RawReturnsTheBytes()
    {
        await _client.WriteAsync("/v1/kv/raw/key", "plain bytes");

        var answer = await _client.ReadAsync("/v1/kv/raw/key?raw");

        Assert.Equal("plain bytes", answer.Body);
    }

    [Fact]
    public async Task RecurseAndKeysListAPrefix()
    {
        await _client.WriteAsync("/v1/kv/tree/a", "1");
        await _client.WriteAsync("/v1/kv/tree/b/c", "2");
        await _client.WriteAsync("/v1/kv/tree/b/d", "3");

        var recursed = (await _client.ReadAsync("/v1/kv/tree/?recurse")).Json;
        var keys = (await _client.ReadAsync("/v1/kv/tree/?keys")).Json;
        var folders = (await _client.ReadAsync("/v1/kv/tree/?keys&separator=/")).Json;

        Assert.Equal(3, recursed.GetArrayLength());
        Assert.Equal(["tree/a", "tree/b/c", "tree/b/d"], keys.EnumerateArray().Select(key => key.GetString()));
        Assert.Equal(["tree/a", "tree/b/"], folders.EnumerateArray().Select(key => key.GetString()));
    }

    [Fact]
    public async Task CheckAndSetWritesOnlyAtTheExpectedIndex()
    {
        Assert.Equal("true\n", (await _client.WriteAsync("/v1/kv/cas/key?cas=0", "first")).Body);
        Assert.Equal("false\n", (await _client.WriteAsync("/v1/kv/cas/key?cas=0", "again")).Body);
        var index = (await _client.ReadAsync("/v1/kv/cas/key")).Json[0].GetProperty("ModifyIndex").GetInt64();

        Assert.Equal("false\n", (await _client.WriteAsync($"/v1/kv/cas/key?cas={index + 1000}", "stale")).Body);
        Assert.Equal("true\n", (await _client.WriteAsync($"/v1/kv/cas/key?cas={index}", "second")).Body);
        Assert.Equal("second", (await _client.ReadAsync("/v1/kv/cas/key?raw")).Body);
    }

    [Fact]
    public async Task DeleteRemovesAKeyOrAPrefix()
    {
        await _client.WriteAsync("/v1/kv/del/one", "1");
        await _client.WriteAsync("/v1/kv/del/two", "2");
        await _client.WriteAsync("/v1/kv/del/three", "3");

        Assert.Equal("true\n", (await _client.CallAsync(HttpMethod.Delete, "/v1/kv/del/one")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/kv/del/one")).Status);
        await _client.CallAsync(HttpMethod.Delete, "/v1/kv/del/?recurse");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/kv/del/?recurse")).Status);
    }

    [Fact]
    public async Task DeleteWithCasDeletesOnlyAtTheCurrentModifyIndex()
    {
        await _client.WriteAsync("/v1/kv/dcas/key", "v1");
        var index = (await _client.ReadAsync("/v1/kv/dcas/key")).Json[0].GetProperty("ModifyIndex").GetInt64();

        Assert.Equal("false\n", (await _client.CallAsync(HttpMethod.Delete, $"/v1/kv/dcas/key?cas={index + 1}")).Body);
        Assert.Equal("false\n", (await _client.CallAsync(HttpMethod.Delete, "/v1/kv/dcas/key?cas=0")).Body);
        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync("/v1/kv/dcas/key")).Status);
        Assert.Equal("true\n", (await _client.CallAsync(HttpMethod.Delete, $"/v1/kv/dcas/key?cas={index}")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/kv/dcas/key")).Status);
    }

    [Fact]
    public async Task DeleteWithCasOfAMissingKeySucceedsAsConsulsDoes()
    {
        var answer = await _client.CallAsync(HttpMethod.Delete, "/v1/kv/dcas/never-written?cas=7");

        Assert.Equal("true\n", answer.Body);
    }

    [Fact]
    public async Task EmptyBodyIsStoredAsANullValueAsConsulStoresIt()
    {
        await _client.WriteAsync("/v1/kv/empty/value", "");

        var entry = (await _client.ReadAsync("/v1/kv/empty/value")).Json[0];
        var raw = await _client.ReadAsync("/v1/kv/empty/value?raw");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, entry.GetProperty("Value").ValueKind);
        raw.ShouldBe(HttpStatusCode.OK, "");
    }

    [Fact]
    public async Task RewritingTheSameValueKeepsTheModifyIndexAsConsulDoes()
    {
        await _client.WriteAsync("/v1/kv/same/value", "v");
        var first = await _client.ReadAsync("/v1/kv/same/value");

        Assert.Equal("true\n", (await _client.WriteAsync("/v1/kv/same/value", "v")).Body);

        var again = await _client.ReadAsync("/v1/kv/same/value");
        Assert.Equal(first.Json[0].GetProperty("ModifyIndex").GetInt64(), again.Json[0].GetProperty("ModifyIndex").GetInt64());
    }

    [Fact]
    public async Task EncodedSlashIsPartOfTheKeyPathAsInConsul()
    {
        Assert.Equal("true\n", (await _client.WriteAsync("/v1/kv/enc%2Fapp%2Fconfig", "nested")).Body);

        Assert.Equal("nested", (await _client.ReadAsync("/v1/kv/enc/app/config?raw")).Body);
        Assert.Equal(["enc/app/config"], (await _client.ReadAsync("/v1/kv/enc%2Fapp%2F?keys")).Json.EnumerateArray().Select(key => key.GetString()));
        Assert.Equal("enc/app/config", (await _client.ReadAsync("/v1/kv/enc%2F?recurse")).Json[0].GetProperty("Key").GetString());
        Assert.Equal("true\n", (await _client.CallAsync(HttpMethod.Delete, "/v1/kv/enc%2Fapp%2Fconfig")).Body);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/kv/enc/app/config")).Status);
    }

    [Fact]
    public async Task KeysOfTheRootAreAnEmptyListNotNotFound()
    {
        using var fresh = new DiscoveryFactory();
        var answer = await fresh.CreateClient().ReadAsync("/v1/kv/?keys");

        answer.ShouldBe(HttpStatusCode.OK, "[]\n");
    }

    [Fact]
    public async Task WatcherOfAKeyWakesWhenItIsWrittenOrDeleted()
    {
        await _client.WriteAsync("/v1/kv/watched", "v1");
        var first = await _client.ReadAsync("/v1/kv/watched");

        var waiting = _client.ReadAsync($"/v1/kv/watched?index={first.Index}&wait=60s");
        await _client.WriteAsync("/v1/kv/watched", "v2");
        var changed = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal("djI=", changed.Json[0].GetProperty("Value").GetString());

        var deleting = _client.ReadAsync($"/v1/kv/watched?index={changed.Index}&wait=60s");
        await _client.CallAsync(HttpMethod.Delete, "/v1/kv/watched");
        var deleted = await deleting.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, deleted.Status);
        Assert.True(deleted.Index > changed.Index);
    }

    [Fact]
    public async Task MissingKeyNameAndBadFlagsAreRefused()
    {
        Assert.Equal("Missing key name", (await _client.WriteAsync("/v1/kv/", "x")).Body);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.WriteAsync("/v1/kv/flags?flags=-1", "x")).Status);
    }

    [Fact]
    public async Task AcquireWithAnUnknownSessionIsConsulsInvalidSessionError()
    {
        var answer = await _client.WriteAsync("/v1/kv/locked?acquire=adf4238a-882b-9ddc-4a9d-5b6758e4159e", "x");

        answer.ShouldBe(HttpStatusCode.InternalServerError, "invalid session \"adf4238a-882b-9ddc-4a9d-5b6758e4159e\"");
    }
}
