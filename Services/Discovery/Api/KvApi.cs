using System.Collections.Immutable;
using System.Globalization;
using Exam3.Discovery.Api.Views;
using Exam3.Discovery.Registry;

namespace Exam3.Discovery.Api;

/// <summary>/v1/kv: Consul's key/value store, with recurse, keys, raw, flags and check-and-set. Reads block.</summary>
internal static class KvApi
{
    /// <summary>Consul's kv_max_value_size.</summary>
    public const int MaxValueBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapKvApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/kv").WithTags("KV");
        api.MapGet("/{**key}", Read).WithName("kv-get").WithSummary("Reads a key, the keys under a prefix, or a raw value.");
        api.MapPut("/{**key}", WriteAsync).WithName("kv-put").WithSummary("Stores a value; ?cas makes it conditional.");
        api.MapDelete("/{**key}", Delete).WithName("kv-delete").WithSummary("Deletes a key or, with ?recurse, a prefix.");
        api.AllowOnly("/{**key}", "GET", "PUT", "DELETE");
        return app;
    }

    private static Task<IResult> Read(string? key, HttpContext http, ConsulRegistry registry)
    {
        key ??= "";
        var query = http.Request.Query;
        var recurse = query.Flag("recurse") ?? false;
        if (query.ContainsKey("keys"))
        {
            var separator = query["separator"].ToString();
            return BlockingQuery.AnswerAsync(http, registry,
                state => (KeysUnder(state, key, separator), state.IndexOfKeys(key, true)),
                (keys, index, consistency) => keys.Count == 0
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

    private static async Task<IResult> WriteAsync(string? key, HttpContext http, ConsulRegistry registry)
    {
        key ??= "";
        var query = http.Request.Query;
        if (key.Length == 0)
        {
            return ConsulResults.BadRequest("Missing key name");
        }

        if (query.ContainsKey("acquire") || query.ContainsKey("release"))
        {
            return ConsulResults.BadRequest("Sessions (?acquire, ?release) are not supported by this registry");
        }

        if (!TryReadNumber(query, "flags", out var flags) || !TryReadNumber(query, "cas", out var cas))
        {
            return ConsulResults.BadRequest(!TryReadNumber(query, "flags", out _) ? "Invalid flags" : "Invalid cas");
        }

        var value = await RequestBody.ReadAsync(http.Request, MaxValueBytes);
        if (value is null)
        {
            return ConsulResults.Error(StatusCodes.Status413RequestEntityTooLarge,
                $"Request body too large, max size: {MaxValueBytes} bytes. See https://developer.hashicorp.com/docs/agent/config/config-files#kv_max_value_size.");
        }

        var stored = false;
        registry.Apply(state =>
        {
            var (change, ok) = state.PutKey(key, ImmutableArray.Create(value), flags ?? 0, (long?)cas);
            stored = ok;
            return change;
        });
        return ConsulResults.Json(stored);
    }

    private static IResult Delete(string? key, HttpContext http, ConsulRegistry registry)
    {
        key ??= "";
        var query = http.Request.Query;
        var recurse = query.Flag("recurse") ?? false;
        if (!recurse && key.Length == 0)
        {
            return ConsulResults.BadRequest("Missing key name");
        }

        if (!TryReadNumber(query, "cas", out var cas))
        {
            return ConsulResults.BadRequest("Invalid cas");
        }

        var deleted = false;
        registry.Apply(state =>
        {
            var (change, ok) = state.DeleteKeys(key, recurse, (long?)cas);
            deleted = ok;
            return change;
        });
        return ConsulResults.Json(deleted);
    }

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
