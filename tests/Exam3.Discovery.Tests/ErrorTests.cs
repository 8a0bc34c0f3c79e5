namespace Exam3.Discovery.Tests;

public sealed class ErrorTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("""{"Name":"x","Foo":1}""", "Request decode failed: json: unknown field \"Foo\"")]
    [InlineData("""{"Name":"x","Check":{"ID":"c","TTL":"10s"}}""", "Request decode failed: json: unknown field \"ID\"")]
    [InlineData("", "Request decode failed: EOF")]
    [InlineData("xyz", "Request decode failed: invalid character 'x' looking for beginning of value")]
    [InlineData("""{"Name":"x",""", "Request decode failed: unexpected EOF")]
    [InlineData("""{"Name":"x","Port":"80"}""", "Request decode failed: json: cannot unmarshal string into Go struct field Port of type int")]
    [InlineData("""{"Name":"x","Check":{"TTL":"ten seconds"}}""", "Request decode failed: time: invalid duration \"ten seconds\"")]
    [InlineData("""{"Port":80}""", "Missing service name")]
    [InlineData("null", "Missing service name")]
    [InlineData("""{"Name":"x","Address":"0.0.0.0"}""", "Invalid service address")]
    [InlineData("""{"Name":"x","Weights":{"Passing":0,"Warning":3}}""", "Invalid Weights: Passing must be greater than 0")]
    [InlineData("""{"Name":"x","Meta":{"consul-x":"1"}}""", "Invalid Service Meta: Key prefix 'consul-' is reserved for internal use")]
    [InlineData("""{"Name":"x","Check":{"HTTP":"http://127.0.0.1:1/"}}""", "Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks")]
    [InlineData("""{"Name":"x","Check":{"TTL":"10s","Interval":"10s"}}""", "Invalid check: Interval and TTL cannot both be specified")]
    [InlineData("""{"Name":"x","Check":{"Notes":"no kind"}}""", "Invalid check: TTL must be > 0 for TTL checks")]
    [InlineData("""{"Name":"x","Check":{"TTL":"10s","Status":"fine"}}""", "Status for checks must 'passing', 'warning', 'critical'")]
    public async Task InvalidRegistrationIsRefusedWithConsulsText(string body, string message)
    {
        var answer = await _client.WriteAsync("/v1/agent/service/register", body);

        answer.ShouldBe(HttpStatusCode.BadRequest, message);
        Assert.Equal("text/plain; charset=utf-8", answer.Header("Content-Type"));
    }

    [Fact]
    public async Task RefusedRegistrationChangesNothing()
    {
        var before = await _client.ReadAsync("/v1/catalog/services");

        await _client.WriteAsync("/v1/agent/service/register", """{"Name":"half","Foo":1}""");
        await _client.WriteAsync("/v1/agent/service/register", """{"Name":"half","Check":{"TTL":"1s","Interval":"1s"}}""");

        var after = await _client.ReadAsync("/v1/catalog/services");
        Assert.Equal(before.Index, after.Index);
        Assert.False(after.Json.TryGetProperty("half", out _));
    }

    [Fact]
    public async Task TtlUpdateOfANonTtlCheckIsConsulsInternalError()
    {
        await using var target = await TargetServer.StartAsync();
        await _client.RegisterAsync(new { Name = "nonttl", Check = new { HTTP = target.HealthUrl, Interval = "10s" } });

        var answer = await _client.WriteAsync("/v1/agent/check/pass/service:nonttl");

        answer.ShouldBe(HttpStatusCode.InternalServerError, "CheckID \"service:nonttl\" does not have associated TTL");
    }

    [Theory]
    [InlineData("GET", "/v1/agent/service/register", "OPTIONS,PUT")]
    [InlineData("POST", "/v1/agent/service/deregister/x", "OPTIONS,PUT")]
    [InlineData("DELETE", "/v1/agent/services", "OPTIONS,GET")]
    [InlineData("PUT", "/v1/health/service/x", "OPTIONS,GET")]
    [InlineData("POST", "/v1/kv/a", "OPTIONS,GET,PUT,DELETE")]
    public async Task WrongMethodIsNotAllowedWithAllow(string method, string path, string allow)
    {
        var answer = await _client.CallAsync(new HttpMethod(method), path, method is "GET" or "DELETE" ? null : "");

        answer.ShouldBe(HttpStatusCode.MethodNotAllowed, $"method {method} not allowed");
        Assert.Equal(allow, answer.Header("Allow"));
    }

    [Fact]
    public async Task OptionsAnswersWithAllow()
    {
        var answer = await _client.CallAsync(HttpMethod.Options, "/v1/agent/service/register");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("OPTIONS,PUT", answer.Header("Allow"));
    }

    // A request whose endpoint never reads its body is refused on its headers too: answered 200 first, its body would
    // be cut off while the client still sends it.
    [Theory]
    [InlineData("OPTIONS", "/v1/agent/check/register")]
    [InlineData("PUT", "/v1/agent/service/deregister/nope")]
    [InlineData("GET", "/v1/agent/services")]
    public async Task ADeclaredBodyOverTheLimitIsRefusedOnItsHeadersWhateverTheEndpoint(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(new byte[DiscoveryFactory.BodyLimit + 1]) };

        using var response = await _client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal($"Request body too large, max size: {DiscoveryFactory.BodyLimit} bytes", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task OversizedBodyIsRefusedAndRegistersNothing()
    {
        var huge = "{\"Name\":\"huge\",\"Meta\":{\"k\":\"" + new string('x', 100_000) + "\"}}";

        using var response = await _client.PutAsync(new Uri("/v1/agent/service/register", UriKind.Relative), new StringContent(huge, Encoding.UTF8), Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False((await _client.ReadAsync("/v1/agent/services")).Json.TryGetProperty("huge", out _));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    [InlineData("""{"Name":{"deep":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}""")]
    [InlineData("""{"Name":"x","Checks":[null,{"TTL":"1s"},7]}""")]
    [InlineData("""{"Name":"x","Tags":[1]}""")]
    [InlineData("""{"Name":"x","Port":1e40}""")]
    [InlineData("""{"Name":"\ud800"}""")]
    public async Task MalformedBodiesAreRefusedWithoutCrashing(string body)
    {
        var answer = await _client.WriteAsync("/v1/agent/service/register", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("Request decode failed: ", answer.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync("/v1/agent/services")).Status);
    }

    // Bytes that are not UTF-8 (0xFF) in a value, in an escaped value and in a key: a string cannot hold them.
    [Theory]
    [InlineData("7B224E616D65223A22FF227D")]
    [InlineData("7B224E616D65223A225C6E FF227D")]
    [InlineData("7B224E616D65223A2278222C224D657461223A7B22FF223A2278227D7D")]
    public async Task BodiesThatAreNotUtf8AreRefusedWithoutCrashing(string hex)
    {
        using var content = new ByteArrayContent(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)));
        using var response = await _client.PutAsync(new Uri("/v1/agent/service/register", UriKind.Relative), content, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Request decode failed: ", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync("/v1/agent/services")).Status);
    }

    [Fact]
    public async Task DuplicateKeysTakeTheLastAsGoDoes()
    {
        await _client.RegisterAsync(System.Text.Json.JsonDocument.Parse("""{"ID":"dup","Name":"first","name":"second","Port":1,"Port":2}""").RootElement);

        var service = (await _client.ReadAsync("/v1/agent/services")).Json.GetProperty("dup");

        Assert.Equal("second", service.GetProperty("Service").GetString());
        Assert.Equal(2, service.GetProperty("Port").GetInt32());
    }

    [Fact]
    public async Task UnrunnableCheckDefinitionsAreCriticalNotFatal()
    {
        await _client.RegisterAsync(new
        {
            Name = "unrunnable",
            Checks = new object[]
            {
                new { CheckID = "bad-method", HTTP = "http://127.0.0.1:1/", Method = "GET POST", Interval = "100ms", Status = "passing" },
                new { CheckID = "bad-url", HTTP = "not a url", Interval = "100ms", Status = "passing" },
                new { CheckID = "bad-tcp", TCP = ":::::", Interval = "100ms", Status = "passing" },
            },
        });

        foreach (var checkId in (string[])["bad-method", "bad-url", "bad-tcp"])
        {
            await Exam3.TestSupport.Eventually.UntilAsync($"{checkId} to turn critical", TimeSpan.FromSeconds(20),
                async () => await _client.CheckStatusAsync(checkId) == "critical");
        }

        Assert.Equal(HttpStatusCode.OK, (await _client.ReadAsync("/v1/health/service/unrunnable")).Status);
    }
}
