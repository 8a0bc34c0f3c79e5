namespace Exam3.Discovery.Tests;

/// <summary>Consul's /v1/txn for KV operations: one index, all or nothing, its result and error shapes.</summary>
public sealed class TxnTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TransactionAppliesEveryOperationAtOneIndexAndAnswersTheirResults()
    {
        var answer = await TxnAsync(
            Kv("set", "txn/a", "one"),
            Kv("set", "txn/b", "two"),
            Kv("get", "txn/a"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var results = answer.Json.GetProperty("Results").EnumerateArray().Select(result => result.GetProperty("KV")).ToList();
        Assert.Equal(JsonValueKind.Null, answer.Json.GetProperty("Errors").ValueKind);
        Assert.Equal(3, results.Count);
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("Value").ValueKind);
        Assert.Equal("b25l", results[2].GetProperty("Value").GetString());
        Assert.Equal(results[0].GetProperty("ModifyIndex").GetInt64(), results[1].GetProperty("ModifyIndex").GetInt64());
        Assert.Equal("two", (await _client.ReadAsync("/v1/kv/txn/b?raw")).Body);
    }

    [Fact]
    public async Task FailedOperationRollsBackTheWholeTransactionAndEveryFailureIsReported()
    {
        await _client.WriteAsync("/v1/kv/txn/existing", "x");

        var answer = await TxnAsync(
            Kv("set", "txn/rolled-back", "never"),
            Kv("cas", "txn/existing", "y", index: 1),
            Kv("check-not-exists", "txn/existing"));

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Equal(JsonValueKind.Null, answer.Json.GetProperty("Results").ValueKind);
        var errors = answer.Json.GetProperty("Errors").EnumerateArray().ToList();
        Assert.Equal([1, 2], errors.Select(error => error.GetProperty("OpIndex").GetInt32()));
        Assert.Equal("failed to set key \"txn/existing\", index is stale", errors[0].GetProperty("What").GetString());
        Assert.Equal("key \"txn/existing\" exists", errors[1].GetProperty("What").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.ReadAsync("/v1/kv/txn/rolled-back")).Status);
    }

    [Fact]
    public async Task ReadOnlyTransactionCarriesTheQueryMetadata()
    {
        await _client.WriteAsync("/v1/kv/txn/read/one", "1");

        var answer = await TxnAsync(Kv("get-tree", "txn/read/"), Kv("get", "txn/missing"));

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Equal("key \"txn/missing\" doesn't exist", answer.Json.GetProperty("Errors")[0].GetProperty("What").GetString());
        Assert.True(answer.Json.GetProperty("KnownLeader").GetBoolean());
        Assert.Equal("true", answer.Header("X-Consul-Knownleader"));
    }

    [Fact]
    public async Task LockInATransactionHoldsTheKeyForTheSession()
    {
        var session = (await _client.WriteAsync("/v1/session/create")).Json.GetProperty("ID").GetString()!;

        var answer = await TxnAsync(Kv("lock", "txn/locked", "me", session: session), Kv("check-session", "txn/locked", session: session));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(session, (await _client.ReadAsync("/v1/kv/txn/locked")).Json[0].GetProperty("Session").GetString());
    }

    [Theory]
    [InlineData("""[{"KV":{"Verb":"set","Key":"k","Value":"!!"}}]""", HttpStatusCode.BadRequest, "Failed to parse body: illegal base64 data at input byte 0")]
    [InlineData("""[{"KV":{"Verb":"set","Key":"k"},"Bogus":1}]""", HttpStatusCode.BadRequest, "Failed to parse body: json: unknown field \"Bogus\"")]
    [InlineData("""[{"KV":{"Verb":"explode","Key":"k"}}]""", HttpStatusCode.Conflict, "unknown KV verb \"explode\"")]
    [InlineData("""[{"KV":{"Verb":"set","Key":""}}]""", HttpStatusCode.Conflict, "Must provide key")]
    [InlineData("""[{}]""", HttpStatusCode.Conflict, "no operation specified")]
    public async Task InvalidTransactionIsRefusedWithConsulsText(string body, HttpStatusCode status, string message)
    {
        var answer = await _client.WriteAsync("/v1/txn", body);

        Assert.Equal(status, answer.Status);
        Assert.Equal(message, status == HttpStatusCode.Conflict ? answer.Json.GetProperty("Errors")[0].GetProperty("What").GetString() : answer.Body);
    }

    [Fact]
    public async Task TransactionOfMoreThan128OperationsIsTooLarge()
    {
        var answer = await TxnAsync([.. Enumerable.Range(0, 129).Select(i => Kv("get", $"k{i}"))]);

        answer.ShouldBe(HttpStatusCode.RequestEntityTooLarge, "Transaction contains too many operations (129 > 128)");
    }

    private Task<ConsulAnswer> TxnAsync(params object[] ops) =>
        _client.WriteAsync("/v1/txn", JsonSerializer.Serialize(ops));

    private static object Kv(string verb, string key, string? value = null, long index = 0, string session = "") =>
        new { KV = new { Verb = verb, Key = key, Value = value is null ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)), Index = index, Session = session } };
}
