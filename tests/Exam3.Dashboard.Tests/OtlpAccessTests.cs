using System.Diagnostics;
using System.Net;
using Exam3.Dashboard.Otlp;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Exam3.Dashboard.Tests;

public sealed class OtlpAccessTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.1.20", false)]
    public void WithoutApiKeyOnlyLoopbackSendersAreAllowed(string sender, bool allowed) =>
        Assert.Equal(allowed, OtlpAccess.Allows(IPAddress.Parse(sender), presentedKey: null, requiredKey: null));

    [Theory]
    [InlineData("10.0.0.5", "s3cret", true)]
    [InlineData("10.0.0.5", "wrong", false)]
    [InlineData("127.0.0.1", null, false)]
    [InlineData("127.0.0.1", "s3cret", true)]
    public void WithApiKeyEverySenderMustPresentIt(string sender, string? presented, bool allowed) =>
        Assert.Equal(allowed, OtlpAccess.Allows(IPAddress.Parse(sender), presented, requiredKey: "s3cret"));

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task ConfiguredApiKeyLetsTheSdkExporterIn(OtlpExportProtocol protocol)
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?> { ["Dashboard:Otlp:ApiKey"] = "s3cret" });
        var exporter = new SdkExporter(server, protocol) { ApiKey = "s3cret" };

        ExportOneSpan(exporter);

        Assert.Single(server.Store.Traces());
    }

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task ExporterWithoutTheApiKeyIsRefused(OtlpExportProtocol protocol)
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?> { ["Dashboard:Otlp:ApiKey"] = "s3cret" });
        var exporter = new SdkExporter(server, protocol) { ApiKey = "guess" };

        ExportOneSpan(exporter);

        Assert.Empty(server.Store.Traces());
    }

    [Fact]
    public async Task RequestWithoutTheApiKeyGets401()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?> { ["Dashboard:Otlp:ApiKey"] = "s3cret" });
        using var client = new HttpClient { BaseAddress = server.HttpUrl };
        using var body = Protobuf.Body();

        var response = await client.PostAsync("/v1/traces", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BindingOtlpBeyondLoopbackWithoutApiKeyFailsAtStart()
    {
        // 192.0.2.0/24 is reserved for documentation: validation must refuse it before anything listens.
        var start = DashboardServer.StartAsync(new Dictionary<string, string?> { ["Dashboard:Otlp:HttpUrl"] = "http://192.0.2.10:4318" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => start);

        Assert.Contains("Dashboard:Otlp:ApiKey is required", error.Message, StringComparison.Ordinal);
    }

    private static void ExportOneSpan(SdkExporter exporter)
    {
        using var source = new ActivitySource("Exam3.Tests.Access");
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(exporter.Resource())
            .AddSource(source.Name)
            .AddOtlpExporter(options => exporter.Configure(options, "/v1/traces"))
            .Build();
        source.StartActivity("one")?.Dispose();
        tracing.ForceFlush(SdkExporter.TimeoutMilliseconds);
    }
}
