using System.Security.Cryptography;

namespace Exam3.Discovery.Api;

/// <summary>
/// The agent endpoints' blocking: ?hash=H waits until the content's hash differs from H (or the wait ends);
/// the current hash comes back in X-Consul-ContentHash.
/// </summary>
internal static class HashBlockingQuery
{
    public const string ContentHashHeader = "X-Consul-Contenthash";

    public static async Task<IResult> AnswerAsync(HttpContext http, ConsulRegistry registry, Func<RegistryState, AgentServiceView?> query, string notFound)
    {
        var seenHash = http.Request.Query["hash"].ToString();
        if (!BlockingQuery.TryReadWait(http.Request.Query, out var wait))
        {
            return ConsulResults.BadRequest("Invalid wait time");
        }

        var state = registry.Current;
        var view = query(state);
        if (seenHash.Length > 0)
        {
            using var deadline = BlockingQuery.Deadline(http);
            deadline.CancelAfter(wait + BlockingQuery.Jitter(wait));
            while (view is not null && HashOf(view) == seenHash)
            {
                try
                {
                    await registry.ReplacedAsync(state).WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                state = registry.Current;
                view = query(state);
            }
        }

        if (view is null)
        {
            return ConsulResults.NotFound(notFound);
        }

        var hash = HashOf(view);
        http.Response.Headers[ContentHashHeader] = hash;
        return ConsulResults.Json(view with { ContentHash = hash });
    }

    private static string HashOf(AgentServiceView view) =>
        Convert.ToHexStringLower(SHA256.HashData(ConsulResults.Serialize(view with { ContentHash = null }))[..8]);
}
