using Exam3.Dashboard.Telemetry;
using Microsoft.Extensions.Logging;
using static Exam3.Dashboard.Tests.TestTelemetry;

namespace Exam3.Dashboard.Tests;

public sealed class TelemetryStoreBoundsTests
{
    private static readonly TelemetryResource Replica = Resource("operations", "operations-abcdefgh");

    [Fact]
    public void OldestTraceIsEvictedBeyondMaxTraceCount()
    {
        var store = Store(new TelemetryLimits { MaxTraceCount = 2 });

        foreach (var trace in new[] { "t1", "t2", "t3" })
        {
            store.AddSpans([Span(trace, "s1", null, Replica, Now, TimeSpan.FromMilliseconds(5))]);
        }

        Assert.Equal(["t2", "t3"], store.Traces().Select(spans => spans[0].TraceId));
        Assert.Null(store.Trace("t1"));
    }

    [Fact]
    public void SpansBeyondMaxSpansPerTraceAreDropped()
    {
        var store = Store(new TelemetryLimits { MaxSpansPerTrace = 2 });

        store.AddSpans([.. Enumerable.Range(1, 3).Select(i => Span("t1", $"s{i}", null, Replica, Now, TimeSpan.FromMilliseconds(1)))]);

        Assert.Equal(["s1", "s2"], store.Trace("t1")!.Select(span => span.SpanId));
    }

    [Fact]
    public void OldestLogIsEvictedBeyondMaxLogCount()
    {
        var store = Store(new TelemetryLimits { MaxLogCount = 3 });

        store.AddLogs([.. Enumerable.Range(1, 5).Select(i => Log($"log {i}", LogLevel.Information, Replica))]);

        Assert.Equal(["log 3", "log 4", "log 5"], store.Logs().Select(log => log.Message));
    }

    [Fact]
    public void OldestMetricPointOfAResourceIsEvictedBeyondItsBound()
    {
        var store = Store(new TelemetryLimits { MaxMetricPointsPerResource = 3 });
        var other = Resource("gateway");
        var gauge = new MetricInstrument("test", "queue.length", "", "", MetricKind.Gauge, IsCumulative: false);
        MetricBatch Batch(params (string Route, double Value)[] points) =>
            new(gauge, [.. points.Select(p => ((IReadOnlyList<TelemetryAttribute>)[new("route", p.Route)], new MetricPoint(Now, Now, p.Value)))]);

        store.AddMetrics(Replica, [Batch(("/a", 1), ("/b", 2))]);
        store.AddMetrics(other, [Batch(("/a", 100))]);
        store.AddMetrics(Replica, [Batch(("/a", 3), ("/b", 4))]);

        var series = store.Metrics(Replica.Name, "queue.length");
        Assert.Equal([3.0], series.Single(s => s.Attributes[0].Value == "/a").Points.Select(p => p.Value));
        Assert.Equal([2.0, 4.0], series.Single(s => s.Attributes[0].Value == "/b").Points.Select(p => p.Value));
        Assert.Equal([100.0], store.Metrics("gateway", "queue.length").Single().Points.Select(p => p.Value));
    }

    [Fact]
    public async Task StoringABatchWakesPagesWaitingForAChange()
    {
        var store = Store();
        var waiting = store.WaitForChangeAsync(store.Version, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        store.AddLogs([Log("hello", LogLevel.Information, Replica)]);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(1, store.Version);
    }
}
