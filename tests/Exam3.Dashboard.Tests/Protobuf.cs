using System.Net.Http.Headers;

namespace Exam3.Dashboard.Tests;

internal static class Protobuf
{
    /// <summary>A request body labelled application/x-protobuf, as an OTLP/HTTP exporter sends it.</summary>
    public static ByteArrayContent Body(params byte[] bytes)
    {
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return body;
    }
}
