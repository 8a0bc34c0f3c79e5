using System.Text.Json.Nodes;

namespace Exam3.Discovery.Json;

/// <summary>Checks a JSON value against the field's type before binding, so a mismatch reads as Go's error does.</summary>
internal static class GoValueCheck
{
    public static string? Describe(JsonNode node, Type type, string path)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var kind = node.GetValueKind();
        if (target == typeof(JsonElement))
        {
            return null;
        }

        if (target == typeof(TimeSpan))
        {
            return kind switch
            {
                JsonValueKind.String when !GoDuration.TryParse(node.GetValue<string>(), out _, out var invalid) => invalid,
                JsonValueKind.String => null,
                JsonValueKind.Number when node.AsValue().TryGetValue<double>(out var nanoseconds) && Math.Abs(nanoseconds) < long.MaxValue => null,
                _ => Mismatch(node, type, path),
            };
        }

        var fits = kind switch
        {
            JsonValueKind.String => target == typeof(string),
            JsonValueKind.True or JsonValueKind.False => target == typeof(bool),
            JsonValueKind.Number when target == typeof(int) => node.AsValue().TryGetValue<int>(out _),
            JsonValueKind.Number when target == typeof(ulong) => node.AsValue().TryGetValue<ulong>(out _),
            _ => false,
        };
        return fits ? null : Mismatch(node, type, path);
    }

    public static string Mismatch(JsonNode node, Type type, string path)
    {
        var kind = node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number " + RawText(node),
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Array => "array",
            _ => "object",
        };
        var field = path.Length == 0 ? "" : " into Go struct field " + path;
        // Concatenated, and the number's own text rather than ToJsonString: a body-sized number would otherwise go
        // through a buffer rented from the shared pool, which keeps it per thread (see JsonTreeReader).
        return string.Concat("json: cannot unmarshal ", kind, field, " of type ", GoTypeName(type));
    }

    // JsonTreeReader keeps a number as the JsonElement it was read as; its raw text is an unpooled copy of the bytes.
    private static string RawText(JsonNode node) =>
        node.AsValue().TryGetValue<JsonElement>(out var element) ? element.GetRawText() : node.ToJsonString();

    private static string GoTypeName(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || target == typeof(bool) || target == typeof(int))
        {
            return target == typeof(string) ? "string" : target == typeof(bool) ? "bool" : "int";
        }

        if (target == typeof(ulong))
        {
            return "uint64";
        }

        if (target == typeof(TimeSpan))
        {
            return "time.Duration";
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(List<>))
        {
            return "[]" + GoTypeName(target.GetGenericArguments()[0]);
        }

        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return $"map[string]{GoTypeName(target.GetGenericArguments()[1])}";
        }

        return "structs." + target.Name.Replace("Json", "", StringComparison.Ordinal);
    }
}
