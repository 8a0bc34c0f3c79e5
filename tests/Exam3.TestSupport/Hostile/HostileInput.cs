using System.Globalization;
using System.Text;

namespace Exam3.TestSupport.Hostile;

/// <summary>
/// The pieces a careless or hostile client sends, drawn from a seeded <see cref="Random"/> so that a failing run
/// replays exactly: odd methods, IDs and keys with control characters and traversal, broken and deeply nested JSON,
/// wrong types, invalid Go durations and indexes, bad filters, bodies around a size limit.
/// </summary>
public sealed class HostileInput(int seed)
{
    // Far deeper than any JSON reader's default depth (64 in System.Text.Json, 10,000 in Go's encoding/json).
    public const int DeepNesting = 10_000;

    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "BREW"];

    private static readonly string[] Segments =
    [
        "", ".", "..", "%2e%2e", "%2E%2E%2F", "..%2f..%2f", "%2f", "%00", "%0a%0d", "%7f", "%ff%fe", "%c0%af", "%", "%zz",
        "a%2Fb", "%252e%252e", "~", "%20", "%09", "%E2%80%AE", "%F0%9F%92%A5", "a;b", "a:b", "*", "?", "#", "%3F", "%23",
        "CON", "null", "true", "-1", "0", "18446744073709551616", "service:x", "_node", "ok",
    ];

    private static readonly string[] Numbers =
    [
        "-1", "0", "1", "-0", "1e309", "-1e309", "NaN", "Infinity", "0x10", "1.5", "18446744073709551615",
        "18446744073709551616", "9223372036854775808", "-9223372036854775809", "", " ", "1 2", "abc", "%00", "١٢",
    ];

    private static readonly string[] Durations =
    [
        "5q", "-1s", "1", "", "s", "1.s", ".s", "1e3s", "9999999999h", "2562048h", "-9223372036854775808ns", "1h-1m",
        "0x10s", "NaN", "1µs", "1us", "+5ms", "5 s", "5S", "%00", "5ms5ms", "1.5.5s", "0",
    ];

    // With ?index, Consul blocks for ?wait, or for its default 5 minutes when wait is empty, zero or negative: a run sends
    // only waits that fail to parse or end within milliseconds.
    private static readonly string[] BlockingWaits = [.. Durations.Except(["-1s", "0", ""])];

    private static readonly string[] Filters =
    [
        "", "(", ")", "((((((((((((((((((((", "Service ==", "== x", "Service == \"a", "Service matches \"[\"",
        "Service matches \"(a+)+$\"", "not not not", "Service in", "Meta.x == 1 and", "\"a\" in \"b\" in \"c\"",
        "Tags is empty and or", "Service == 'a'", "Service != \"\\u0000\"", "Service == \"\\\"", "Nope.Nope.Nope == 1",
        "Service contains", "%ff", "Service == \"a\" or ", "ServiceMeta[\"a\" == 1", "Checks.Status == passing",
    ];

    private static readonly string[] WrongValues =
    [
        "null", "true", "false", "0", "-1", "1e309", "\"\"", "[]", "{}", "[[]]", "\"\\u0000\"", "\"\\ud800\"",
        "18446744073709551616", "-9223372036854775809", "\"5q\"", "\"../../etc/passwd\"", "{\"a\":{}}", "[1,\"a\",null]",
    ];

    private readonly Random _random = new(seed);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public T Pick<T>(IReadOnlyList<T> choices) => choices[_random.Next(choices.Count)];

    public string Method() => _random.Next(3) == 0 ? Pick(Methods) : Pick((string[])["GET", "PUT", "POST", "DELETE"]);

    /// <summary>An ID or key segment: a plain name, traversal, escapes of control characters, or a long run of them.</summary>
    public string Segment() => _random.Next(4) switch
    {
        0 => "id-" + _random.Next(1000).ToString(CultureInfo.InvariantCulture),
        1 => string.Concat(Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => Pick(Segments))),
        2 => string.Join('/', Enumerable.Range(0, 1 + _random.Next(6)).Select(_ => Pick(Segments))),
        _ => new string('a', 1 + _random.Next(8192)),
    };

    public string Number() => Pick(Numbers);

    public string Duration() => _random.Next(4) == 0 ? Number() : Pick(Durations);

    public string Filter() => _random.Next(5) == 0 ? new string('(', 1 + _random.Next(5000)) + "Service" : Pick(Filters);

    /// <summary>A query string of the given parameters with hostile values, some repeated, some without a value.</summary>
    public string Query(params string[] names)
    {
        var parts = new List<string>();
        var chosen = names.Where(_ => _random.Next(2) == 0).ToList();
        if (chosen.Contains("index"))
        {
            chosen.Remove("wait");
            parts.Add($"wait={Uri.EscapeDataString(Pick(BlockingWaits))}");
        }

        foreach (var name in chosen)
        {
            parts.Add(_random.Next(6) == 0 ? name : $"{name}={Uri.EscapeDataString(Value(name))}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>A JSON body: broken, deeply nested, of the wrong shape, with wrong types in <paramref name="fields"/>, or huge.</summary>
    public byte[] JsonBody(int limit, params string[] fields) => _random.Next(10) switch
    {
        0 => Encoding.UTF8.GetBytes(Truncated(Object(fields))),
        1 => Encoding.UTF8.GetBytes(new string('[', DeepNesting) + new string(']', _random.Next(2) * DeepNesting)),
        2 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", DeepNesting)) + "1" + new string('}', DeepNesting)),
        3 => Encoding.UTF8.GetBytes(Pick(WrongValues)),
        4 => Huge(limit, fields),
        5 => [.. Enumerable.Range(0, 1 + _random.Next(64)).Select(_ => (byte)_random.Next(256))],
        _ => Encoding.UTF8.GetBytes(Object(fields)),
    };

    /// <summary>
    /// Just under, at, or just over <paramref name="limit"/> bytes: one field holding a long string, or a number of as
    /// many digits, which no field's type can hold.
    /// </summary>
    public byte[] Huge(int limit, params string[] fields)
    {
        var size = limit + _random.Next(-2, 3) * 1024 + _random.Next(-1, 2);
        var field = fields.Length == 0 ? "Value" : Pick(fields);
        var digits = _random.Next(3) == 0;
        var (prefix, suffix) = digits ? ($"{{\"{field}\":", "}") : ($"{{\"{field}\":\"", "\"}");
        var filler = Math.Max(1, size - prefix.Length - suffix.Length);
        return Encoding.UTF8.GetBytes(prefix + new string(digits ? '9' : 'x', filler) + suffix);
    }

    private string Object(string[] fields)
    {
        var members = fields.Where(_ => _random.Next(2) == 0).Select(field => $"\"{field}\":{FieldValue(field)}");
        return "{" + string.Join(',', members) + "}";
    }

    private string FieldValue(string field) => _random.Next(4) switch
    {
        0 => Pick(WrongValues),
        1 => JsonString(Segment()),
        2 => JsonString(Duration()),
        _ => JsonString(Uri.UnescapeDataString(Pick(Segments)) + field),
    };

    private string Truncated(string json) => json[..Math.Max(1, _random.Next(json.Length))];

    private static string JsonString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var character in value)
        {
            text.Append(character is '"' or '\\' or < ' ' ? $"\\u{(int)character:x4}" : character.ToString());
        }

        return text.Append('"').ToString();
    }

    private string Value(string name) => name switch
    {
        "index" or "cas" or "flags" or "acquire" or "release" => Number(),
        "wait" or "ttl" => Duration(),
        "filter" => Filter(),
        _ => _random.Next(2) == 0 ? Number() : Uri.UnescapeDataString(Pick(Segments)),
    };
}
