namespace Exam3.Discovery.Tests;

/// <summary>
/// Requests Consul refuses, answered as Consul answers them: its status and, to the letter, its text, which clients
/// and scripts match on. A row is one request; a PUT carries an empty body unless the row gives one.
/// </summary>
public sealed class RefusalTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    // An ID or a path the agent does not know.
    [InlineData("PUT", "/v1/agent/service/deregister/nope", HttpStatusCode.NotFound, "Unknown service ID \"nope\". Ensure that the service ID is passed, not the service name.")]
    [InlineData("PUT", "/v1/agent/service/maintenance/nope?enable=true", HttpStatusCode.NotFound, "Unknown service ID \"nope\". Ensure that the service ID is passed, not the service name.")]
    [InlineData("PUT", "/v1/agent/check/deregister/nope", HttpStatusCode.NotFound, "Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name.")]
    [InlineData("PUT", "/v1/agent/check/pass/nope", HttpStatusCode.NotFound, "Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name.")]
    [InlineData("GET", "/v1/nothing", HttpStatusCode.NotFound, "Invalid URL path: not a recognized HTTP API endpoint")]
    [InlineData("GET", "/v1/agent/nothing/here", HttpStatusCode.NotFound, "Invalid URL path: not a recognized HTTP API endpoint")]
    // Query parameters out of range or unsupported.
    [InlineData("GET", "/v1/health/service/x?index=abc", HttpStatusCode.BadRequest, "Invalid index")]
    [InlineData("GET", "/v1/health/service/x?index=1&wait=soon", HttpStatusCode.BadRequest, "Invalid wait time")]
    [InlineData("GET", "/v1/health/service/x?passing=maybe", HttpStatusCode.BadRequest, "Invalid value for ?passing")]
    [InlineData("GET", "/v1/health/service/x?filter=Service.ID%20~~%20x", HttpStatusCode.BadRequest, "Failed to create boolean expression evaluator: unsupported operator \"~~\"")]
    [InlineData("GET", "/v1/health/state/sleepy", HttpStatusCode.BadRequest, "Invalid check state")]
    [InlineData("GET", "/v1/health/service/x?node-meta=rack:r1", HttpStatusCode.BadRequest, "?node-meta is not supported by this registry (one node, no peers)")]
    [InlineData("PUT", "/v1/agent/service/maintenance/x", HttpStatusCode.BadRequest, "Missing value for enable")]
    // A path parameter left empty.
    [InlineData("GET", "/v1/health/service/", HttpStatusCode.BadRequest, "Missing service name")]
    [InlineData("GET", "/v1/health/checks/", HttpStatusCode.BadRequest, "Missing service name")]
    [InlineData("GET", "/v1/health/node/", HttpStatusCode.BadRequest, "Missing node name")]
    [InlineData("GET", "/v1/health/state/", HttpStatusCode.BadRequest, "Missing check state")]
    [InlineData("GET", "/v1/catalog/service/", HttpStatusCode.BadRequest, "Missing service name")]
    [InlineData("GET", "/v1/catalog/node/", HttpStatusCode.BadRequest, "Missing node name")]
    [InlineData("GET", "/v1/session/info/", HttpStatusCode.BadRequest, "Missing session")]
    [InlineData("GET", "/v1/session/node/", HttpStatusCode.BadRequest, "Missing node name")]
    [InlineData("PUT", "/v1/agent/maintenance", HttpStatusCode.BadRequest, "Missing value for enable")]
    [InlineData("PUT", "/v1/agent/maintenance?enable=maybe", HttpStatusCode.BadRequest, "Invalid value for enable: \"maybe\"")]
    // KV flags that exclude each other.
    [InlineData("PUT", "/v1/kv/conflict?cas=1&acquire=x", HttpStatusCode.BadRequest, "Conflicting flags: acquire=x&cas=1\n", "x")]
    [InlineData("DELETE", "/v1/kv/conflict?recurse&cas=1", HttpStatusCode.BadRequest, "Conflicting flags: cas=1&recurse=\n")]
    public async Task AnswerIsConsulsStatusAndText(string method, string path, HttpStatusCode status, string text, string? body = null)
    {
        var answer = await _client.CallAsync(new HttpMethod(method), path, body ?? (method == "PUT" ? "" : null));

        answer.ShouldBe(status, text);
    }
}
