using System.Security.Cryptography;

namespace Exam3.Discovery.Api;

/// <summary>
/// What every /v1 answer shares: the ACL default-policy and Vary headers, and, when a management token is
/// configured, Consul's <c>default_policy = "deny"</c>: 403 for a write without it, 403 "ACL not found" for any
/// other token, and what the anonymous token may see for a read without one (<see cref="AnonymousReads"/>).
/// Tokens come as Consul takes them: ?token, X-Consul-Token, or Bearer.
/// </summary>
internal sealed class ConsulAgentMiddleware(RequestDelegate next, IOptions<DiscoveryOptions> options)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/v1"))
        {
            return next(http);
        }

        var managementToken = options.Value.ManagementToken;
        var aclEnabled = !string.IsNullOrEmpty(managementToken);
        http.Response.Headers[ConsulResults.DefaultAclPolicyHeader] = aclEnabled ? "deny" : "allow";
        http.Response.Headers.Vary = "Accept-Encoding";
        if (!aclEnabled)
        {
            return next(http);
        }

        var token = TokenOf(http.Request);
        if (token.Length == 0 && !IsWrite(http.Request.Method))
        {
            return AnonymousReads.ServeAsync(http, next, options.Value.NodeName);
        }

        if (token.Length == 0)
        {
            return ConsulResults.Error(StatusCodes.Status403Forbidden,
                "Permission denied: anonymous token lacks permission to write. The anonymous token is used implicitly when a request does not specify a token.")
                .ExecuteAsync(http);
        }

        return Matches(token, managementToken!)
            ? next(http)
            : ConsulResults.Error(StatusCodes.Status403Forbidden, "ACL not found").ExecuteAsync(http);
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPut(method) || HttpMethods.IsPost(method) || HttpMethods.IsDelete(method) || HttpMethods.IsPatch(method);

    // Consul's precedence: the query string, then X-Consul-Token, then Authorization: Bearer.
    public static string TokenOf(HttpRequest request)
    {
        if (request.Query["token"].ToString() is { Length: > 0 } query)
        {
            return query;
        }

        if (request.Headers["X-Consul-Token"].ToString() is { Length: > 0 } header)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
    }

    public static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
