using Microsoft.AspNetCore.Http.Features;

namespace Exam3.Discovery.Api;

/// <summary>
/// What a request without a token may read once ACLs are on: what Consul's anonymous token sees under
/// <c>default_policy = "deny"</c>, which is nothing. Consul does not refuse such reads alike: a list answers 200 with
/// every entry filtered out, a read of one named thing answers 403 naming the permission it lacks, and the status
/// endpoints need no permission at all.
/// </summary>
internal static class AnonymousReads
{
    private const string Implicitly = "The anonymous token is used implicitly when a request does not specify a token.";

    public static async Task ServeAsync(HttpContext http, RequestDelegate next, string nodeName)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/v1/status") || path.StartsWithSegments("/v1/acl"))
        {
            await next(http);
            return;
        }

        if (Denial(http.Request, nodeName) is { } denied)
        {
            await ConsulResults.Error(StatusCodes.Status403Forbidden, denied).ExecuteAsync(http);
            return;
        }

        if (path.StartsWithSegments("/v1/kv") && http.Request.Query.ContainsKey("recurse"))
        {
            // Consul's KV endpoint answers 404 for a recursive read that leaves no entry.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await AnswerFilteredAsync(http, next);
    }

    // The endpoint runs as usual, so that a blocking query still waits for its index; its answer is then replaced by the
    // same shape with nothing in it.
    private static async Task AnswerFilteredAsync(HttpContext http, RequestDelegate next)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (http.Response.StatusCode == StatusCodes.Status200OK && http.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            body = Encoding.UTF8.GetBytes(EmptyLike(body));
            http.Response.ContentLength = body.Length;
        }

        await original.WriteAsync(body, http.RequestAborted);
    }

    private static string EmptyLike(byte[] json) =>
        Encoding.UTF8.GetString(json).TrimStart() switch
        {
            ['[', ..] => "[]",
            ['{', ..] => "{}",
            _ => "null",
        };

    private static string? Denial(HttpRequest request, string nodeName)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/v1/kv") && !request.Query.ContainsKey("keys") && !request.Query.ContainsKey("recurse"))
        {
            return Lacks("key:read", KeyOf(request));
        }

        if (path.StartsWithSegments("/v1/agent/self") || path.StartsWithSegments("/v1/agent/metrics") || path.StartsWithSegments("/v1/agent/host"))
        {
            return Lacks("agent:read", nodeName);
        }

        if (path.StartsWithSegments("/v1/agent/service", out var rest) && rest.HasValue && !path.StartsWithSegments("/v1/agent/services"))
        {
            return Lacks("service:read", Uri.UnescapeDataString(rest.Value!.TrimStart('/')));
        }

        return null;
    }

    private static string Lacks(string permission, string on) => $"Permission denied: anonymous token lacks permission '{permission}' on \"{on}\". {Implicitly}";

    // The key as Consul reads it: the request target's path decoded once (see PathSuffix).
    private static string KeyOf(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.Path.Value ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query < 0 ? target : target[..query]);
        return path.StartsWith("/v1/kv/", StringComparison.Ordinal) ? path["/v1/kv/".Length..] : "";
    }
}
