namespace Exam3.Discovery.Api;

/// <summary>
/// Refuses a /v1 request whose declared body is over the limit with 413 on its headers, whatever its method and
/// path. An endpoint that never reads the body (an OPTIONS, a deregistration) would otherwise answer 200 first, and
/// Kestrel would then cut the connection while draining a body it may not hold, under a client still sending it; a
/// client that asked to "Expect: 100-continue" now gets the 413 and sends nothing. KV's own 512 KiB limit, with
/// Consul's kv_max_value_size text, applies below this one.
/// </summary>
internal sealed class DeclaredBodyLimit(RequestDelegate next, IOptions<DiscoveryOptions> options)
{
    public Task InvokeAsync(HttpContext http)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        return http.Request.ContentLength > limit && http.Request.Path.StartsWithSegments("/v1")
            ? RequestBody.TooLarge(limit).ExecuteAsync(http)
            : next(http);
    }
}
