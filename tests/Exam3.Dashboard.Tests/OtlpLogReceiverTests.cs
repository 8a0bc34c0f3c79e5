using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;

namespace Exam3.Dashboard.Tests;

public sealed class OtlpLogReceiverTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task SdkLogExportIsStoredWithLevelMessageAttributesAndTrace(OtlpExportProtocol protocol)
    {
        await using var server = await DashboardServer.StartAsync();
        var exporter = new SdkExporter(server, protocol, InstanceId: "operations-qwertyui");
        using var activity = new Activity("request").Start();
        // Disposing the factory shuts the exporter down, which sends whatever is pending first.
        using (var loggers = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(exporter.Resource());
            options.IncludeFormattedMessage = true;
            options.AddOtlpExporter(otlp => exporter.Configure(otlp, "/v1/logs"));
        })))
        {
            var logger = loggers.CreateLogger("Exam3.Operations.Calculator");
            logger.LogWarning("Division of {Dividend} by zero refused", 42);
            logger.LogInformation("Replica ready");
        }

        var logs = server.Store.Logs();
        Assert.Equal(2, logs.Count);
        var warning = logs[0];
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("Division of 42 by zero refused", warning.Message);
        Assert.Equal("42", warning.Attribute("Dividend"));
        Assert.Equal("Exam3.Operations.Calculator", warning.Category);
        Assert.Equal(activity.TraceId.ToHexString(), warning.TraceId);
        Assert.Equal(activity.SpanId.ToHexString(), warning.SpanId);
        Assert.Equal("operations-qwertyui", warning.Resource.Name);
        Assert.Equal(LogLevel.Information, logs[1].Level);
        Assert.Equal("Replica ready", logs[1].Message);
    }
}
