using System.Diagnostics.Metrics;
using Exam3.Dashboard.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Exam3.Dashboard.Tests;

public sealed class OtlpMetricReceiverTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task SdkMetricExportIsStoredAsInstrumentsAndPoints(OtlpExportProtocol protocol)
    {
        await using var server = await DashboardServer.StartAsync();
        var exporter = new SdkExporter(server, protocol);
        using var meter = new Meter("Exam3.Tests.Http");
        var duration = meter.CreateHistogram<double>("http.server.request.duration", "s", "Duration of HTTP server requests.");
        var requests = meter.CreateCounter<long>("exam3.requests");
        IReadOnlyList<MetricSeries> series, counters;
        using (var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(exporter.Resource())
            .AddMeter(meter.Name)
            .AddOtlpExporter((otlp, reader) =>
            {
                exporter.Configure(otlp, "/v1/metrics");
                // Only the explicit flush below exports, so the test sees exactly one point per series.
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue;
            })
            .Build())
        {
            duration.Record(0.010, new KeyValuePair<string, object?>("http.route", "/add"));
            duration.Record(0.030, new KeyValuePair<string, object?>("http.route", "/add"));
            duration.Record(0.200, new KeyValuePair<string, object?>("http.route", "/divide"));
            requests.Add(3);
            Assert.True(metrics.ForceFlush(SdkExporter.TimeoutMilliseconds));

            // Read before the provider's disposal exports the same cumulative values once more.
            series = server.Store.Metrics("operations-abcdefgh", "http.server.request.duration");
            counters = server.Store.Metrics("operations-abcdefgh", "exam3.requests");
        }

        Assert.Equal(2, series.Count);
        var add = Assert.Single(series, s => s.Attributes.Single(a => a.Key == "http.route").Value == "/add");
        Assert.Equal(new MetricInstrument("Exam3.Tests.Http", "http.server.request.duration", "Duration of HTTP server requests.", "s", MetricKind.Histogram, IsCumulative: true), add.Instrument);
        var point = Assert.Single(add.Points);
        Assert.Equal(2UL, point.Count);
        Assert.Equal(0.040, point.Value, 9);
        Assert.Equal(0.010, point.Min);
        Assert.Equal(0.030, point.Max);
        Assert.Equal(point.ExplicitBounds!.Count + 1, point.BucketCounts!.Count);
        Assert.Equal(2UL, point.BucketCounts.Aggregate(0UL, (sum, count) => sum + count));

        var counter = Assert.Single(counters);
        Assert.Equal(MetricKind.Sum, counter.Instrument.Kind);
        Assert.Equal(3, Assert.Single(counter.Points).Value);
    }
}
