using System.Diagnostics;
using Exam3.Dashboard.Telemetry;
using Microsoft.Extensions.Logging;
using static Exam3.Dashboard.Tests.TestTelemetry;

namespace Exam3.Dashboard.Tests;

public sealed class TelemetryQueryTests
{
    private static readonly TelemetryResource Gateway = Resource("gateway", "gateway");
    private static readonly TelemetryResource ReplicaA = Resource("operations", "operations-aaaaaaaa");
    private static readonly TelemetryResource ReplicaB = Resource("operations", "operations-bbbbbbbb");

    [Theory]
    [InlineData("operations", "operations-abcdefgh", "operations-abcdefgh")]
    [InlineData("operations", "abcdefgh", "operations-abcdefgh")]
    [InlineData("operations", "6f1c2a9e-0000-4000-8000-00000a1b2c3d", "operations-0a1b2c3d")]
    [InlineData("gateway", null, "gateway")]
    public void ReplicaIsNamedAfterServiceAndInstance(string service, string? instance, string expected) =>
        Assert.Equal(expected, Resource(service, instance).Name);

    [Fact]
    public void TracesAreListedNewestFirstWithTheResourcesTheyCrossed()
    {
        var store = Store();
        store.AddSpans([Span("old", "g1", null, Gateway, Now.AddSeconds(-10), TimeSpan.FromMilliseconds(30), name: "GET /api/operations/add")]);
        store.AddSpans([
            Span("new", "g1", null, Gateway, Now, TimeSpan.FromMilliseconds(50), name: "GET /api/operations/add"),
            Span("new", "g2", "g1", Gateway, Now.AddMilliseconds(5), TimeSpan.FromMilliseconds(40), ActivityKind.Client, "GET"),
            Span("new", "r1", "g2", ReplicaB, Now.AddMilliseconds(10), TimeSpan.FromMilliseconds(20), name: "GET /add"),
        ]);

        var traces = store.TraceSummaries();

        Assert.Equal(["new", "old"], traces.Select(t => t.TraceId));
        Assert.Equal("gateway: GET /api/operations/add", traces[0].Name);
        Assert.Equal(["gateway", "operations-bbbbbbbb"], traces[0].Resources);
        Assert.Equal(TimeSpan.FromMilliseconds(50), traces[0].Duration);
        Assert.Equal(3, traces[0].SpanCount);
        Assert.Equal(["new"], store.TraceSummaries("operations").Select(t => t.TraceId));
    }

    [Fact]
    public void WaterfallPutsGatewayThenReplicaSpanUnderTheirParents()
    {
        var store = Store();
        // The replica's span arrives first: processes export independently.
        store.AddSpans([Span("t", "r1", "g2", ReplicaA, Now.AddMilliseconds(10), TimeSpan.FromMilliseconds(20), name: "GET /add")]);
        store.AddSpans([
            Span("t", "g2", "g1", Gateway, Now.AddMilliseconds(5), TimeSpan.FromMilliseconds(40), ActivityKind.Client, "GET"),
            Span("t", "g3", "g1", Gateway, Now.AddMilliseconds(46), TimeSpan.FromMilliseconds(2), ActivityKind.Internal, "log"),
            Span("t", "g1", null, Gateway, Now, TimeSpan.FromMilliseconds(50), name: "GET /api/operations/add"),
        ]);

        var detail = store.TraceDetail("t")!;

        Assert.Equal(["g1", "g2", "r1", "g3"], detail.Rows.Select(row => row.Span.SpanId));
        Assert.Equal([0, 1, 2, 1], detail.Rows.Select(row => row.Depth));
        Assert.Equal("operations-aaaaaaaa", detail.Rows[2].Span.Resource.Name);
        Assert.Equal(TimeSpan.FromMilliseconds(10), detail.Rows[2].Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(50), detail.Duration);
        Assert.Null(store.TraceDetail("missing"));
    }

    [Fact]
    public void LogsAreFilteredByResourceLevelAndText()
    {
        var store = Store();
        store.AddLogs([
            Log("Replica ready", LogLevel.Information, ReplicaA),
            Log("Division by zero refused", LogLevel.Warning, ReplicaA, new TelemetryAttribute("route", "/divide")),
            Log("Registry unreachable", LogLevel.Error, ReplicaB),
            Log("Route table updated", LogLevel.Information, Gateway),
        ]);

        Assert.Equal(["Registry unreachable", "Division by zero refused"], store.FindLogs(new LogFilter(Resource: "operations", MinimumLevel: LogLevel.Warning)).Select(l => l.Message));
        Assert.Equal(["Division by zero refused", "Replica ready"], store.FindLogs(new LogFilter(Resource: "operations-aaaaaaaa")).Select(l => l.Message));
        Assert.Equal(["Division by zero refused"], store.FindLogs(new LogFilter(Text: "/DIVIDE")).Select(l => l.Message));
        Assert.Equal(["Route table updated"], store.FindLogs(new LogFilter(Resource: "gateway", Text: "route")).Select(l => l.Message));
    }

    [Fact]
    public void RequestRateAndDurationComeFromCumulativeHistogramDifferences()
    {
        var store = Store();
        var duration = new MetricInstrument("Microsoft.AspNetCore.Hosting", "http.server.request.duration", "", "s", MetricKind.Histogram, IsCumulative: true);
        double[] bounds = [0.01, 0.1, 1];
        MetricBatch Export(int second, params (string Route, ulong Count, double Sum, ulong[] Buckets)[] series) =>
            new(duration, [.. series.Select(s => ((IReadOnlyList<TelemetryAttribute>)[new("http.route", s.Route)],
                new MetricPoint(Now, Now.AddSeconds(second), s.Sum, s.Count, s.Buckets, bounds)))]);

        store.AddMetrics(ReplicaA, [Export(10, ("/add", 10, 0.05, [10, 0, 0, 0]), ("/divide", 10, 0.5, [0, 10, 0, 0]))]);
        store.AddMetrics(ReplicaA, [Export(20, ("/add", 30, 0.15, [30, 0, 0, 0]), ("/divide", 30, 4.5, [0, 10, 20, 0]))]);

        var rates = store.RequestRates("operations-aaaaaaaa");

        // The first export is the baseline; the rate is what happened between the two exports.
        var rate = Assert.Single(rates);
        Assert.Equal(Now.AddSeconds(20), rate.Time);
        Assert.Equal(40UL, rate.Count);
        Assert.Equal(4.0, rate.RequestsPerSecond, 9);
        Assert.Equal((0.1 + 4.0) * 1000 / 40, rate.AverageMilliseconds, 9);
        // 38th of 40 requests: 18th of the 20 in the (0.1 s, 1 s] bucket.
        Assert.Equal((0.1 + (0.9 * 18 / 20)) * 1000, rate.P95Milliseconds!.Value, 9);
    }

    [Fact]
    public void P95NeverExceedsTheLargestRequestSeen()
    {
        var store = Store();
        var duration = new MetricInstrument("Microsoft.AspNetCore.Hosting", "http.server.request.duration", "", "s", MetricKind.Histogram, IsCumulative: true);
        IReadOnlyList<TelemetryAttribute> route = [new("http.route", "/add")];
        store.AddMetrics(ReplicaA, [new(duration, [(route, new MetricPoint(Now, Now.AddSeconds(1), 0, 0, [0, 0], [5.0]))])]);
        store.AddMetrics(ReplicaA, [new(duration, [(route, new MetricPoint(Now, Now.AddSeconds(2), 0.004, 2, [2, 0], [5.0], Min: 0.001, Max: 0.003))])]);

        var rate = Assert.Single(store.RequestRates("operations-aaaaaaaa"));

        Assert.Equal(3.0, rate.P95Milliseconds!.Value, 9);
    }

    [Fact]
    public void TrafficCountsServerSpansPerReplicaOverTheLastMinute()
    {
        var store = Store();
        store.AddSpans([
            Span("t1", "a", null, ReplicaA, Now.AddSeconds(-55), TimeSpan.FromMilliseconds(1)),
            Span("t2", "a", null, ReplicaA, Now.AddSeconds(-54), TimeSpan.FromMilliseconds(1)),
            Span("t3", "b", null, ReplicaB, Now.AddSeconds(-1), TimeSpan.FromMilliseconds(1)),
            Span("t4", "b", null, ReplicaB, Now.AddSeconds(-1), TimeSpan.FromMilliseconds(1), ActivityKind.Client),
            Span("t5", "a", null, ReplicaA, Now.AddSeconds(-61), TimeSpan.FromMilliseconds(1)),
            Span("t6", "g", null, Gateway, Now.AddSeconds(-2), TimeSpan.FromMilliseconds(1)),
        ]);

        var traffic = store.Traffic(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), service: "operations");

        Assert.Equal(["operations-aaaaaaaa", "operations-bbbbbbbb"], traffic.Resources.Select(r => r.Resource));
        Assert.Equal([2, 0, 0, 0, 0, 0], traffic.Resources[0].PerSlice);
        Assert.Equal([0, 0, 0, 0, 0, 1], traffic.Resources[1].PerSlice);
        Assert.Equal(Now.AddMinutes(-1), traffic.From);
    }
}
