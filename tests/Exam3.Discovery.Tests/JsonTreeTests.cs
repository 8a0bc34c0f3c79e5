using System.Text.Json.Nodes;
using Exam3.Discovery.Json;

namespace Exam3.Discovery.Tests;

/// <summary>
/// The registry's JSON tree reader and writer, which borrow no pooled buffers, give back what System.Text.Json reads
/// in the same body: escapes, control characters, characters outside the BMP, numbers as written.
/// </summary>
public sealed class JsonTreeTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    [InlineData("quote \" backslash \\ slash / apostrophe '")]
    [InlineData("controls \u0000\u0001\u001f tab\t newline\n return\r")]
    [InlineData("é ü 漢字 😀 <script>&amp;")]
    public void AStringComesBackTheSameAsValueKeyAndItem(string text)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["Text"] = text, [text] = new[] { text } });

        var written = JsonTreeWriter.ToUtf8(JsonTreeReader.Parse(body, maxDepth: 64));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(written.Span)), Encoding.UTF8.GetString(written.Span));
    }

    [Fact]
    public void NumbersBooleansAndNullKeepTheirText()
    {
        var body = """{"Huge":1e309,"Wide":18446744073709551616,"Negative":-0.5,"Yes":true,"No":false,"Nothing":null}"""u8;

        var written = JsonTreeWriter.ToUtf8(JsonTreeReader.Parse(body, maxDepth: 64));

        Assert.Equal(Encoding.UTF8.GetString(body), Encoding.UTF8.GetString(written.Span));
    }

    [Fact]
    public void ADuplicateKeyKeepsTheLastValueAsGoDoes()
    {
        var tree = JsonTreeReader.Parse("""{"Name":"first","Name":"last"}"""u8, maxDepth: 64);

        Assert.Equal("last", tree!["Name"]!.GetValue<string>());
    }

    [Fact]
    public void ASyntaxErrorAfterAValidPrefixIsReported()
    {
        Assert.ThrowsAny<JsonException>(() => JsonTreeReader.Parse("""{"Name":"ok"} trailing"""u8, maxDepth: 64));
    }
}
