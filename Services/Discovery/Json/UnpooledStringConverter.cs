using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Exam3.Discovery.Json;

/// <summary>
/// System.Text.Json's own string converter, except that an escaped string or dictionary key is unescaped without
/// renting from <c>ArrayPool.Shared</c> (see <see cref="JsonTreeReader"/>): a body's long escaped string leaves no array behind.
/// </summary>
internal sealed class UnpooledStringConverter : JsonConverter<string>
{
    private static JsonConverter<string?> Default => JsonMetadataServices.StringConverter;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader is { TokenType: JsonTokenType.String, ValueIsEscaped: true }
            ? JsonTreeReader.ReadString(ref reader)
            : Default.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        Default.Write(writer, value, options);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.ValueIsEscaped ? JsonTreeReader.ReadString(ref reader) : Default.ReadAsPropertyName(ref reader, typeToConvert, options)!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        Default.WriteAsPropertyName(writer, value, options);
}
