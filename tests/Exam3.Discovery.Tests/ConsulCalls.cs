using System.Net.Http.Json;

namespace Exam3.Discovery.Tests;

/// <summary>An answer from the registry: status, body text, JSON when it is JSON, and headers.</summary>
public sealed record ConsulAnswer(HttpStatusCode Status, string Body, HttpResponseMessage Response)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public long Index => long.Parse(Response.Headers.GetValues("X-Consul-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asserts the status and the body together, so that a failure shows both.</summary>
    public void ShouldBe(HttpStatusCode status, string body) => Assert.Equal((status, body), (Status, Body));

    public string Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : Response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : "";
}

/// <summary>Raw HTTP calls to the Consul API, the way any Consul client makes them.</summary>
public static class ConsulCalls
{
    private static readonly JsonSerializerOptions AsWritten = new();

    public static async Task<ConsulAnswer> ReadAsync(this HttpClient client, string path) =>
        await AnswerAsync(await client.GetAsync(new Uri(path, UriKind.Relative), Cancellation));

    public static async Task<ConsulAnswer> WriteAsync(this HttpClient client, string path, string? body = null) =>
        await AnswerAsync(await client.PutAsync(new Uri(path, UriKind.Relative), new StringContent(body ?? "", Encoding.UTF8), Cancellation));

    /// <summary>PUTs <paramref name="body"/> as JSON with its property names as written (PascalCase, as Consul's Go client sends).</summary>
    public static async Task<ConsulAnswer> WriteJsonAsync(this HttpClient client, string path, object body) =>
        await AnswerAsync(await client.PutAsync(new Uri(path, UriKind.Relative), JsonContent.Create(body, options: AsWritten), Cancellation));

    public static async Task<ConsulAnswer> CallAsync(this HttpClient client, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
        }

        return await AnswerAsync(await client.SendAsync(request, Cancellation));
    }

    /// <summary>Registers an instance; asserts Consul's 200 with an empty body.</summary>
    public static async Task RegisterAsync(this HttpClient client, object registration)
    {
        var answer = await client.WriteJsonAsync("/v1/agent/service/register", registration);
        Assert.True(answer.Status == HttpStatusCode.OK, $"registration failed: {(int)answer.Status} {answer.Body}");
        Assert.Equal("", answer.Body);
    }

    /// <summary>The status of a check as /v1/agent/checks reports it, or null when it is not registered.</summary>
    public static async Task<string?> CheckStatusAsync(this HttpClient client, string checkId)
    {
        var checks = (await client.ReadAsync("/v1/agent/checks")).Json;
        return checks.TryGetProperty(checkId, out var check) ? check.GetProperty("Status").GetString() : null;
    }

    public static async Task<JsonElement> CheckAsync(this HttpClient client, string checkId) =>
        (await client.ReadAsync("/v1/agent/checks")).Json.GetProperty(checkId);

    private static async Task<ConsulAnswer> AnswerAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation), response);
}
