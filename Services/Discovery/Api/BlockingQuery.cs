using System.Globalization;

namespace Exam3.Discovery.Api;

/// <summary>
/// Consul's blocking queries: with ?index=N the answer waits until the queried data's index exceeds N or the wait
/// (default 5m, at most 10m, plus up to wait/16 of jitter) runs out, then answers with whatever is current.
/// </summary>
internal static class BlockingQuery
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaximumWait = TimeSpan.FromMinutes(10);
    private const int JitterFraction = 16;

    // Parameters that would change which entries come back and that a single dev node cannot honour; ?near only
    // orders by distance, which on one node changes nothing, so it is accepted.
    private static readonly string[] Unsupported = ["node-meta", "peer", "sameness-group", "merge-central-config"];

    public static Task<IResult> AnswerAsync<T>(HttpContext http, ConsulRegistry registry, Func<RegistryState, (T Body, long Index)> query) =>
        AnswerAsync(http, registry, query, (body, index, consistency) => ConsulResults.Query(body, index, consistency));

    /// <summary>As above, with <paramref name="respond"/> shaping the answer from the body, index and consistency.</summary>
    public static async Task<IResult> AnswerAsync<T>(
        HttpContext http, ConsulRegistry registry, Func<RegistryState, (T Body, long Index)> query, Func<T, long, string, IResult> respond)
    {
        var request = http.Request.Query;
        if (!TryReadConsistency(request, out var consistency, out var conflict))
        {
            return ConsulResults.BadRequest(conflict);
        }

        if (!TryReadIndex(request, out var seenIndex))
        {
            return ConsulResults.BadRequest("Invalid index");
        }

        if (!TryReadWait(request, out var wait))
        {
            return ConsulResults.BadRequest("Invalid wait time");
        }

        if (Unsupported.FirstOrDefault(request.ContainsKey) is { } unsupported)
        {
            return ConsulResults.BadRequest($"?{unsupported} is not supported by this registry (one node, no peers)");
        }

        var state = registry.Current;
        if (request["dc"].ToString() is { Length: > 0 } datacenter && datacenter != state.Node.Datacenter)
        {
            // A dev agent is alone in its datacenter: Consul's answer for any other.
            return ConsulResults.Error(StatusCodes.Status500InternalServerError, "No path to datacenter");
        }

        var (body, index) = query(state);
        if (seenIndex > 0 && index <= seenIndex)
        {
            using var deadline = BlockingQuery.Deadline(http);
            deadline.CancelAfter(wait + Jitter(wait));
            while (index <= seenIndex)
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
                (body, index) = query(state);
            }
        }

        return respond(body, index, consistency);
    }

    /// <summary>
    /// Ends a wait when the client goes away or the registry shuts down: waiters are answered at once rather than
    /// holding the shutdown for up to ten minutes.
    /// </summary>
    public static CancellationTokenSource Deadline(HttpContext http) =>
        CancellationTokenSource.CreateLinkedTokenSource(
            http.RequestAborted,
            http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);

    private static bool TryReadIndex(IQueryCollection query, out long index)
    {
        index = 0;
        var text = query["index"].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        var parsed = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        index = (long)Math.Min(value, long.MaxValue);
        return parsed;
    }

    public static bool TryReadWait(IQueryCollection query, out TimeSpan wait)
    {
        wait = DefaultWait;
        var text = query["wait"].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (!GoDuration.TryParse(text, out var requested, out _))
        {
            return false;
        }

        wait = requested <= TimeSpan.Zero ? DefaultWait : requested > MaximumWait ? MaximumWait : requested;
        return true;
    }

    private static bool TryReadConsistency(IQueryCollection query, out string consistency, out string conflict)
    {
        var stale = query.ContainsKey("stale");
        var consistent = query.ContainsKey("consistent");
        conflict = "Cannot specify ?stale with ?consistent, conflicting semantics.";
        consistency = stale ? "stale" : consistent ? "consistent" : "leader";
        return !(stale && consistent);
    }

    public static TimeSpan Jitter(TimeSpan wait) =>
        TimeSpan.FromTicks(Random.Shared.NextInt64(Math.Max(1, wait.Ticks / JitterFraction)));
}
