using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Exam3.Discovery.Json;

/// <summary>
/// Writes a <see cref="JsonNode"/> tree back to UTF-8 JSON in arrays of its own. JsonNode.Deserialize and
/// Utf8JsonWriter over a pooled buffer rent up to three bytes per character of a long string, and six characters when
/// it needs escaping, from <c>ArrayPool.Shared</c>, which keeps them per thread (see <see cref="JsonTreeReader"/>).
/// </summary>
internal static class JsonTreeWriter
{
    // What JSON requires escaped in a string; everything else goes out as it came in.
    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public static ReadOnlyMemory<byte> ToUtf8(JsonNode? node)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(node, output);
        return output.WrittenMemory;
    }

    private static void Write(JsonNode? node, ArrayBufferWriter<byte> output)
    {
        switch (node)
        {
            case null:
                output.Write("null"u8);
                break;
            case JsonObject fields:
                output.Write("{"u8);
                var first = true;
                foreach (var (name, value) in fields)
                {
                    output.Write(first ? ""u8 : ","u8);
                    first = false;
                    WriteString(name, output);
                    output.Write(":"u8);
                    Write(value, output);
                }

                output.Write("}"u8);
                break;
            case JsonArray items:
                output.Write("["u8);
                for (var index = 0; index < items.Count; index++)
                {
                    output.Write(index == 0 ? ""u8 : ","u8);
                    Write(items[index], output);
                }

                output.Write("]"u8);
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                WriteString(text, output);
                break;
            default:
                // A number or a boolean, held as the JsonElement it was read as: a few bytes of its own text.
                output.Write(JsonMarshal.GetRawUtf8Value(node.AsValue().GetValue<JsonElement>()));
                break;
        }
    }

    private static void WriteString(string text, ArrayBufferWriter<byte> output)
    {
        output.Write("\""u8);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var special = rest.IndexOfAny(MustEscape);
            var plain = special < 0 ? rest : rest[..special];
            output.Advance(Encoding.UTF8.GetBytes(plain, output.GetSpan(Encoding.UTF8.GetByteCount(plain))));
            if (special < 0)
            {
                break;
            }

            WriteEscaped(rest[special], output);
            rest = rest[(special + 1)..];
        }

        output.Write("\""u8);
    }

    private static void WriteEscaped(char special, ArrayBufferWriter<byte> output)
    {
        if (special is '"' or '\\')
        {
            output.Write(special == '"' ? "\\\""u8 : "\\\\"u8);
            return;
        }

        var escape = output.GetSpan(6);
        "\\u00"u8.CopyTo(escape);
        escape[4] = HexDigits[special >> 4];
        escape[5] = HexDigits[special & 0xf];
        output.Advance(6);
    }
}
