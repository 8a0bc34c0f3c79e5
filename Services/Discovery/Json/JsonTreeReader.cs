using System.Text.Json.Nodes;

namespace Exam3.Discovery.Json;

/// <summary>
/// Reads a request body into a <see cref="JsonNode"/> tree without borrowing from <c>ArrayPool.Shared</c>.
/// JsonDocument rents a metadata array the size of the body, and unescaping a long string rents one the size of the
/// string; the shared pool then keeps such an array per thread and per core until a gen 2 collection trims it, so a
/// run of bodies near the size limit left tens of MiB resident (issue #15). What this reader allocates is garbage.
/// </summary>
internal static class JsonTreeReader
{
    /// <summary>The tree of <paramref name="body"/>, or a <see cref="JsonException"/> for its first syntax error.</summary>
    /// <remarks>Duplicate keys keep the last value, as Go's decoder does (JsonNode.Parse refuses them).</remarks>
    public static JsonNode? Parse(ReadOnlySpan<byte> body, int maxDepth)
    {
        var options = new JsonReaderOptions { MaxDepth = maxDepth };
        // A syntax error anywhere in the body is the answer, even after a string that would not unescape.
        var syntax = new Utf8JsonReader(body, options);
        while (syntax.Read())
        {
        }

        var reader = new Utf8JsonReader(body, options);
        reader.Read();
        return ReadValue(ref reader);
    }

    /// <summary>The current string token, unescaped into an array of its own rather than a rented one.</summary>
    public static string ReadString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.GetString()!;
        }

        // The unescaped text is never longer than the escaped one; lone surrogates throw as GetString does.
        var unescaped = new byte[reader.ValueSpan.Length];
        var length = reader.CopyString(unescaped);
        return Encoding.UTF8.GetString(unescaped, 0, length);
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var fields = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = ReadString(ref reader);
                    reader.Read();
                    fields[name] = ReadValue(ref reader);
                }

                return fields;
            case JsonTokenType.StartArray:
                var items = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }

                return items;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return JsonValue.Create(ReadString(ref reader));
            default:
                // Numbers keep their text (1e309, 18446744073709551616) for Go's type checks; a lone token is not pooled.
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
        }
    }
}
