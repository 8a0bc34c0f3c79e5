using System.Globalization;

namespace Exam3.Discovery.Json;

/// <summary>Go's %q (strconv.Quote), for error texts that quote a key, a selector or an expression as Consul's do.</summary>
internal static class GoText
{
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"", text.Length + 2);
        foreach (var rune in text.EnumerateRunes())
        {
            quoted.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                < 0x20 or 0x7f => string.Create(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"),
                _ => rune.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
