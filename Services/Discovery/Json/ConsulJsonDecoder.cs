using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Exam3.Discovery.Json;

/// <summary>
/// Decodes request bodies the way Consul's Go decoder does: keys matched case-insensitively (an exact match first),
/// Consul's snake_case aliases, null for any field, unknown fields rejected, and Go's error texts.
/// System.Text.Json alone has case-insensitivity and unmapped-member rejection but no aliases and no Go messages,
/// so the body is first walked against the target type's contract and renamed to its canonical names.
/// The tree is read and written back by <see cref="JsonTreeReader"/> and <see cref="JsonTreeWriter"/>, which borrow
/// nothing from the shared array pool for bodies near the size limit.
/// </summary>
internal static class ConsulJsonDecoder
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        Converters = { new GoDurationJsonConverter(), new UnpooledStringConverter() },
    };

    private const int MaxDepth = 64;

    public static bool TryDecode<T>(ReadOnlySpan<byte> body, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error)
        where T : class, new()
    {
        value = null;
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            error = "EOF";
            return false;
        }

        JsonNode? node;
        try
        {
            node = JsonTreeReader.Parse(body, MaxDepth);
        }
        catch (JsonException syntax)
        {
            error = JsonSyntaxError.Describe(syntax, body);
            return false;
        }
        catch (InvalidOperationException text)
        {
            // Lone UTF-16 surrogates in a \u escape: not text .NET can hold.
            error = $"invalid string: {text.Message}";
            return false;
        }

        if (node is null)
        {
            value = new T();
            error = null;
            return true;
        }

        error = Normalize(node, Options.GetTypeInfo(typeof(T)), "");
        if (error is not null)
        {
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize<T>(JsonTreeWriter.ToUtf8(node).Span, Options) ?? new T();
            return true;
        }
        catch (JsonException mismatch)
        {
            error = $"json: {mismatch.Message}";
            return false;
        }
    }

    private static string? Normalize(JsonNode node, JsonTypeInfo info, string path)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject fields:
                return NormalizeObject(fields, info, path);
            case JsonTypeInfoKind.Enumerable when node is JsonArray items:
                return items.Where(item => item is not null)
                    .Select(item => Normalize(item!, Options.GetTypeInfo(info.ElementType!), path))
                    .FirstOrDefault(failure => failure is not null);
            case JsonTypeInfoKind.Dictionary when node is JsonObject entries:
                return entries.Where(entry => entry.Value is not null)
                    .Select(entry => Normalize(entry.Value!, Options.GetTypeInfo(info.ElementType!), $"{path}.{entry.Key}"))
                    .FirstOrDefault(failure => failure is not null);
            case JsonTypeInfoKind.None:
                return GoValueCheck.Describe(node, info.Type, path);
            default:
                return GoValueCheck.Mismatch(node, info.Type, path);
        }
    }

    private static string? NormalizeObject(JsonObject fields, JsonTypeInfo info, string path)
    {
        foreach (var (key, value) in fields.ToList())
        {
            var (property, isAlias) = Match(info, key);
            if (property is null && info.Type.IsDefined(typeof(IgnoresUnknownFieldsAttribute), false))
            {
                fields.Remove(key);
                continue;
            }

            if (property is null)
            {
                return $"json: unknown field \"{key}\"";
            }

            fields.Remove(key);
            if (isAlias && fields.ContainsKey(property.Name))
            {
                // Consul's aliases lose to the canonical name when both are given.
                continue;
            }

            if (value is null)
            {
                // Go leaves a field untouched for null; removing it does the same without tripping non-nullable types.
                fields.Remove(property.Name);
                continue;
            }

            fields[property.Name] = value;
            var failure = Normalize(value, Options.GetTypeInfo(property.PropertyType), $"{path}.{property.Name}".TrimStart('.'));
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private static (JsonPropertyInfo? Property, bool IsAlias) Match(JsonTypeInfo info, string key)
    {
        foreach (var comparison in (ReadOnlySpan<StringComparison>)[StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase])
        {
            if (info.Properties.FirstOrDefault(candidate => string.Equals(candidate.Name, key, comparison)) is { } byName)
            {
                return (byName, false);
            }

            if (info.Properties.FirstOrDefault(candidate => AliasesOf(candidate).Any(alias => string.Equals(alias, key, comparison))) is { } byAlias)
            {
                return (byAlias, true);
            }
        }

        return (null, false);
    }

    private static IEnumerable<string> AliasesOf(JsonPropertyInfo property) =>
        (property.AttributeProvider as MemberInfo)?.GetCustomAttributes<JsonAliasAttribute>().Select(alias => alias.Name) ?? [];
}
