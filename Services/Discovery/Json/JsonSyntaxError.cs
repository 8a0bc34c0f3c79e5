using System.Text.RegularExpressions;

namespace Exam3.Discovery.Json;

/// <summary>Turns System.Text.Json's syntax errors into the texts Go's decoder gives, which Consul passes on.</summary>
internal static partial class JsonSyntaxError
{
    public static string Describe(JsonException error, ReadOnlySpan<byte> body)
    {
        var position = error.BytePositionInLine is { } column && error.LineNumber is { } line ? OffsetOf(body, line, column) : -1;
        if (position >= body.TrimEnd(" \t\r\n"u8).Length || error.Message.Contains("end of data", StringComparison.Ordinal)
            || error.Message.Contains("Expected depth to be zero", StringComparison.Ordinal))
        {
            return "unexpected EOF";
        }

        if (position >= 0)
        {
            var character = (char)body[position];
            var context = InvalidStart().IsMatch(error.Message) ? "looking for beginning of value" : "after top-level value or inside a value";
            return $"invalid character '{character}' {context}";
        }

        return error.Message;
    }

    private static int OffsetOf(ReadOnlySpan<byte> body, long line, long column)
    {
        var offset = 0;
        for (var current = 0L; current < line; current++)
        {
            var next = body[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return -1;
            }

            offset += next + 1;
        }

        return offset + (int)column;
    }

    [GeneratedRegex("is an invalid start of a (value|property name)")]
    private static partial Regex InvalidStart();
}
