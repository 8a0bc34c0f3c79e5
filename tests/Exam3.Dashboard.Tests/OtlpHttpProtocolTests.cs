using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Exam3.Dashboard.Otlp.Proto.Collector.Logs;
using Exam3.Dashboard.Otlp.Proto.Common;
using Exam3.Dashboard.Otlp.Proto.Logs;
using Exam3.Dashboard.Otlp.Proto.Resource;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Exam3.Dashboard.Tests;

public sealed class OtlpHttpProtocolTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task BodyThatIsNotProtobufIsRefusedWith415(string contentType)
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.HttpUrl };
        using var body = new StringContent("{}", MediaTypeHeaderValue.Parse(contentType));

        var response = await client.PostAsync("/v1/traces", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-protobuf", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(server.Store.Traces());
    }

    [Theory]
    [InlineData("/v1/traces")]
    [InlineData("/v1/logs")]
    [InlineData("/v1/metrics")]
    public async Task UndecodableProtobufIsRefusedWith400ThatSaysSo(string path)
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.HttpUrl };
        // Field 1, length-delimited, announcing 100 bytes that never come.
        using var body = Protobuf.Body(0x0A, 0x64, 0x01, 0x02);

        var response = await client.PostAsync(path, body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Undecodable OTLP body", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, server.Store.Version);
    }

    [Fact]
    public async Task EmptyProtobufExportIsAcceptedWithAProtobufResponse()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.HttpUrl };
        using var body = Protobuf.Body();

        var response = await client.PostAsync("/v1/logs", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OtlpHttpIsServedOnItsOwnPortOnly()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.UiUrl };
        using var body = Protobuf.Body();

        var response = await client.PostAsync("/v1/logs", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GzippedExportIsDecompressed()
    {
        await using var server = await DashboardServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.HttpUrl };
        var export = new ExportLogsServiceRequest
        {
            ResourceLogs =
            {
                new ResourceLogs
                {
                    Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "gateway" } } } },
                    ScopeLogs = { new ScopeLogs { LogRecords = { new LogRecord { SeverityNumber = SeverityNumber.Error, Body = new AnyValue { StringValue = "no healthy replica" } } } } },
                },
            },
        };
        using var zipped = new MemoryStream();
        await using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            export.WriteTo(gzip);
        }

        using var body = Protobuf.Body(zipped.ToArray());
        body.Headers.ContentEncoding.Add("gzip");

        var response = await client.PostAsync("/v1/logs", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = Assert.Single(server.Store.Logs());
        Assert.Equal("no healthy replica", log.Message);
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal("gateway", log.Resource.Name);
    }
}
