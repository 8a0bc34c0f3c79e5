using System.Text.Json.Serialization;

namespace Exam3.Discovery.Json;

/// <summary>Reads a duration as Consul accepts it: Go duration text or a number of nanoseconds.</summary>
internal sealed class GoDurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            // Go decodes a JSON number into float64 first, so 1.5e9 is as good as 1500000000.
            return GoDuration.FromNanoseconds(reader.TryGetInt64(out var whole) ? whole : (long)reader.GetDouble());
        }

        var text = reader.GetString() ?? "";
        return GoDuration.TryParse(text, out var duration, out var error) ? duration : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(GoDuration.Format(value));
}
