using System.Security.Cryptography;

namespace Exam3.Discovery.Api;

/// <summary>
/// /v1/acl/token/self: the only ACL endpoint. The registry knows two tokens, the management token it was given and
/// Consul's anonymous token; policies, roles and the rest of the ACL system are not there.
/// </summary>
internal static class AclApi
{
    private const string AnonymousAccessorId = "00000000-0000-0000-0000-000000000002";
    private static readonly AclLinkView GlobalManagement = new("00000000-0000-0000-0000-000000000001", "global-management");
    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    public static IEndpointRouteBuilder MapAclApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/acl").WithTags("ACL");
        api.MapConsulGet("/token/self", ReadSelf).WithName("acl-token-self").WithSummary("The token the request was made with.");
        return app;
    }

    private static IResult ReadSelf(HttpContext http, IOptions<DiscoveryOptions> options)
    {
        var management = options.Value.ManagementToken;
        if (string.IsNullOrEmpty(management))
        {
            // A dev agent runs with ACLs off, and says so for every ACL endpoint.
            return ConsulResults.Error(StatusCodes.Status401Unauthorized, "ACL support disabled");
        }

        var token = ConsulAgentMiddleware.TokenOf(http.Request);
        return token.Length == 0 ? ConsulResults.Json(View(AnonymousAccessorId, "anonymous", "Anonymous Token", null))
            : ConsulAgentMiddleware.Matches(token, management) ? ConsulResults.Json(View(AccessorOf(token), token, "Initial Management Token", [GlobalManagement]))
            : ConsulResults.Error(StatusCodes.Status403Forbidden, "ACL not found");
    }

    private static AclTokenView View(string accessorId, string secretId, string description, IReadOnlyList<AclLinkView>? policies) =>
        new(accessorId, secretId, description, policies, false, Started, Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secretId))), 1, 1);

    // Stable for a given token, and not the token itself: the accessor is what Consul lets others see.
    private static string AccessorOf(string token) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("accessor:" + token))[..16]).ToString();
}
