using System.Globalization;

namespace Exam3.Discovery.Api;

/// <summary>/v1/kv: Consul's key/value store, with recurse, keys, raw, flags, check-and-set and session locks. Reads block.</summary>
internal static class KvApi
{
    /// <summary>Consul's kv_max_value_size.</summary>
    public const int MaxValueBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapKvApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/kv").WithTags("KV");
        api.MapGet("/{**key_path}", Read).WithName("kv-get").WithSummary("Reads a key, the keys under a prefix, or a raw value.");
        api.MapPut("/{**key_path}", WriteAsync).WithName("kv-put").WithSummary("Stores a value; ?cas makes it conditional, ?acquire and ?release lock it.");
        api.MapDelete("/{**key_path}", Delete).WithName("kv-delete").WithSummary("Deletes a key or, with ?recurse, a prefix; ?cas makes it conditional.");
        api.AllowOnly("/{**key_path}", "GET", "PUT", "DELETE");
        return app;
    }

    private static Task<IResult> Read(PathSuffix path, HttpContext http, ConsulRegistry registry)
    {
        string key = path;
        var query = http.Request.Query;
        var recurse = query.Flag("recurse") ?? false;
        if (query.ContainsKey("keys"))
        {
            var separator = query.ContainsKey("separator") ? query["separator"].ToString() : query["seperator"].ToString();
            return BlockingQuery.AnswerAsync(http, registry,
                state => (KeysUnder(state, key, separator), state.IndexOfKeys(key, true)),
                // Consul lists the root as [] rather than answering 404.
                (keys, index, consistency) => keys.Count == 0 && key.Length > 0
                    ? ConsulResults.WithQueryHeaders(ConsulResults.Error(StatusCodes.Status404NotFound, ""), index, consistency)
                    : ConsulResults.Query(keys, index, consistency));
        }

        if (!recurse && key.Length == 0)
        {
            return Task.FromResult(ConsulResults.BadRequest("Missing key name"));
        }

        var raw = query.ContainsKey("raw");
        return BlockingQuery.AnswerAsync(http, registry,
            state => (state.ReadKeys(key, recurse).ToList(), state.IndexOfKeys(key, recurse)),
            (entries, index, consistency) => ConsulResults.WithQueryHeaders(
                entries.Count == 0 ? ConsulResults.Error(StatusCodes.Status404NotFound, "")
                : raw ? ConsulResults.Raw(entries[0].Value.IsDefault ? [] : [.. entries[0].Value])
                : ConsulResults.Json(entries.Select(ConsulViews.KvView).ToList()),
                index, consistency));
    }

    private static async Task<IResult> WriteAsync(PathSuffix path, HttpContext http, ConsulRegistry registry, TimeProvider time)
    {
        string key = path;
        var query = http.Request.Query;
        if (key.Length == 0)
        {
            return ConsulResults.BadRequest("Missing key name");
        }

        if (ConflictingFlags(query, "cas", "acquire", "release") is { } conflict)
        {
            return conflict;
        }

        if (!TryReadNumber(query, "flags", out var flags) || !TryReadNumber(query, "cas", out var cas))
        {
            return ConsulResults.BadRequest(!TryReadNumber(query, "flags", out _) ? "Invalid flags" : "Invalid cas");
        }

        var body = await RequestBody.ReadAsync(http.Request, MaxValueBytes);
        if (body is null)
        {
            return ConsulResults.Error(StatusCodes.Status413RequestEntityTooLarge,
                $"Request body too large, max size: {MaxValueBytes} bytes. See https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size.");
        }

        // Consul copies the body into a fresh buffer, which stays Go's nil slice when the body is empty: "Value": null.
        var value = body.Length == 0 ? default : ImmutableArray.Create(body);
        var session = query.ContainsKey("acquire") ? query["acquire"].ToString() : query["release"].ToString();
        var now = time.GetUtcNow();
        var outcome = Apply(registry, (state, index) =>
            query.ContainsKey("acquire") ? state.LockKey(key, value, flags ?? 0, session, index, now)
            : query.ContainsKey("release") ? state.UnlockKey(key, value, flags ?? 0, session, index)
            : cas is { } expected ? state.CheckAndSetKey(key, value, flags ?? 0, (long)expected, index)
            : state.SetKey(key, value, flags ?? 0, index));
        return outcome.Error is { } error
            ? ConsulResults.Error(StatusCodes.Status500InternalServerError, error)
            : ConsulResults.Json(outcome.Done);
    }

    private static IResult Delete(PathSuffix path, HttpContext http, ConsulRegistry registry)
    {
        string key = path;
        var query = http.Request.Query;
        if (ConflictingFlags(query, "recurse", "cas") is { } conflict)
        {
            return conflict;
        }

        var recurse = query.ContainsKey("recurse");
        if (!recurse && key.Length == 0)
        {
            return ConsulResults.BadRequest("Missing key name");
        }

        if (!TryReadNumber(query, "cas", out var cas))
        {
            return ConsulResults.BadRequest("Invalid cas");
        }

        var outcome = Apply(registry, (state, index) =>
            recurse ? state.DeleteTree(key, index)
            : cas is { } expected ? state.DeleteKeyIfIndex(key, (long)expected, index)
            : state.DeleteKey(key, index));
        return ConsulResults.Json(outcome.Done);
    }

    /// <summary>Applies one KV verb at the next index and publishes the result.</summary>
    private static KvOutcome Apply(ConsulRegistry registry, Func<RegistryState, long, KvOutcome> verb)
    {
        var outcome = default(KvOutcome);
        registry.Apply(state =>
        {
            outcome = verb(state, state.Index + 1);
            return new Change(outcome.State);
        });
        return outcome;
    }

    // Consul refuses flags that cannot be combined with its Go-encoded query string and a newline (conflictingFlags).
    private static IResult? ConflictingFlags(IQueryCollection query, params string[] flags) =>
        flags.Count(query.ContainsKey) < 2
            ? null
            : ConsulResults.BadRequest("Conflicting flags: " + string.Join('&', query
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .SelectMany(pair => pair.Value.Select(value => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(value ?? "")}"))) + "\n");

    // With a separator, keys below the next separator fold into their common prefix, as Consul lists "folders".
    private static List<string> KeysUnder(RegistryState state, string prefix, string separator) =>
        state.ReadKeys(prefix, true)
            .Select(entry => entry.Key)
            .Select(found =>
            {
                var cut = separator.Length == 0 ? -1 : found.IndexOf(separator, prefix.Length, StringComparison.Ordinal);
                return cut < 0 ? found : found[..(cut + separator.Length)];
            })
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static bool TryReadNumber(IQueryCollection query, string name, out ulong? number)
    {
        number = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        var parsed = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        number = parsed ? Math.Min(value, long.MaxValue) : null;
        return parsed;
    }
}
