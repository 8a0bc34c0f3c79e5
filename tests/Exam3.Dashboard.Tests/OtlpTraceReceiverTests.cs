using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Exam3.Dashboard.Tests;

public sealed class OtlpTraceReceiverTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task SdkTraceExportIsStoredWithParentsAttributesAndResource(OtlpExportProtocol protocol)
    {
        await using var server = await DashboardServer.StartAsync();
        var exporter = new SdkExporter(server, protocol);
        using var source = new ActivitySource("Exam3.Tests.TraceReceiver");
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(exporter.Resource())
            .AddSource(source.Name)
            .AddOtlpExporter(options => exporter.Configure(options, "/v1/traces"))
            .Build())
        {
            using (var parent = source.StartActivity("GET /api/operations/add", ActivityKind.Server))
            {
                parent!.SetTag("http.route", "/api/operations/add");
                parent.SetTag("http.response.status_code", 200);
                using var compute = source.StartActivity("compute", ActivityKind.Internal);
                compute!.SetStatus(ActivityStatusCode.Error, "division by zero");
                compute.AddEvent(new ActivityEvent("retrying"));
            }

            Assert.True(tracing.ForceFlush(SdkExporter.TimeoutMilliseconds));
        }

        var trace = Assert.Single(server.Store.Traces());
        Assert.Equal(2, trace.Count);
        var root = Assert.Single(trace, span => span.Name == "GET /api/operations/add");
        var child = Assert.Single(trace, span => span.Name == "compute");
        Assert.Null(root.ParentSpanId);
        Assert.Equal(root.SpanId, child.ParentSpanId);
        Assert.Equal(root.TraceId, child.TraceId);
        Assert.Equal(32, root.TraceId.Length);
        Assert.Equal(ActivityKind.Server, root.Kind);
        Assert.Equal(ActivityKind.Internal, child.Kind);
        Assert.Equal("/api/operations/add", root.Attribute("http.route"));
        Assert.Equal("200", root.Attribute("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, child.Status);
        Assert.Equal("division by zero", child.StatusMessage);
        Assert.Equal("retrying", Assert.Single(child.Events).Name);
        Assert.Equal("Exam3.Tests.TraceReceiver", root.Scope);
        Assert.True(root.Start <= child.Start && child.End <= root.End);
        Assert.Equal("operations", root.Resource.ServiceName);
        Assert.Equal("operations-abcdefgh", root.Resource.InstanceId);
        Assert.Equal("operations-abcdefgh", root.Resource.Name);
    }
}
