using Microsoft.Extensions.Options;

namespace Exam3.Dashboard.Telemetry;

/// <summary>
/// Every span, log and metric point received, in memory within <see cref="TelemetryLimits"/>.
/// One lock guards it all: writes come a batch per export, and pages read copies.
/// </summary>
internal sealed class TelemetryStore(IOptions<TelemetryLimits> limits, TimeProvider clock)
{
    private readonly TelemetryLimits _limits = limits.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TelemetryResource> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TelemetrySpan>> _traces = new(StringComparer.Ordinal);
    private readonly Queue<string> _traceArrival = new();
    private readonly Queue<TelemetryLog> _logs = new();
    private readonly Dictionary<string, ResourceMetricsBuffer> _metrics = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewChangeSignal();
    private long _version;

    public TimeProvider Clock => clock;

    /// <summary>Grows by one with every batch stored; pages compare it to know whether to redraw.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public void AddSpans(IReadOnlyCollection<TelemetrySpan> spans)
    {
        lock (_gate)
        {
            foreach (var span in spans)
            {
                Remember(span.Resource);
                if (!_traces.TryGetValue(span.TraceId, out var trace))
                {
                    trace = [];
                    _traces.Add(span.TraceId, trace);
                    _traceArrival.Enqueue(span.TraceId);
                    while (_traces.Count > _limits.MaxTraceCount)
                    {
                        _traces.Remove(_traceArrival.Dequeue());
                    }
                }

                if (trace.Count < _limits.MaxSpansPerTrace)
                {
                    trace.Add(span);
                }
            }

            Changed();
        }
    }

    public void AddLogs(IReadOnlyCollection<TelemetryLog> logs)
    {
        lock (_gate)
        {
            foreach (var log in logs)
            {
                Remember(log.Resource);
                _logs.Enqueue(log);
                while (_logs.Count > _limits.MaxLogCount)
                {
                    _logs.Dequeue();
                }
            }

            Changed();
        }
    }

    public void AddMetrics(TelemetryResource resource, IReadOnlyCollection<MetricBatch> batches)
    {
        lock (_gate)
        {
            Remember(resource);
            if (!_metrics.TryGetValue(resource.Name, out var buffer))
            {
                buffer = new ResourceMetricsBuffer(_limits.MaxMetricPointsPerResource);
                _metrics.Add(resource.Name, buffer);
            }

            foreach (var batch in batches)
            {
                buffer.Add(batch);
            }

            Changed();
        }
    }

    public IReadOnlyList<TelemetryResource> Resources()
    {
        lock (_gate)
        {
            return [.. _resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>A copy of every trace's spans, in the order they arrived.</summary>
    public IReadOnlyList<IReadOnlyList<TelemetrySpan>> Traces()
    {
        lock (_gate)
        {
            return [.. _traceArrival.Where(_traces.ContainsKey).Select(id => (IReadOnlyList<TelemetrySpan>)[.. _traces[id]])];
        }
    }

    public IReadOnlyList<TelemetrySpan>? Trace(string traceId)
    {
        lock (_gate)
        {
            return _traces.TryGetValue(traceId, out var spans) ? [.. spans] : null;
        }
    }

    /// <summary>A copy of the log records, oldest first.</summary>
    public IReadOnlyList<TelemetryLog> Logs()
    {
        lock (_gate)
        {
            return [.. _logs];
        }
    }

    /// <summary>A copy of one resource's metric series; all of them, or those of one instrument.</summary>
    public IReadOnlyList<MetricSeries> Metrics(string resourceName, string? instrumentName = null)
    {
        lock (_gate)
        {
            return _metrics.TryGetValue(resourceName, out var buffer) ? buffer.Snapshot(instrumentName) : [];
        }
    }

    /// <summary>Completes when something newer than <paramref name="knownVersion"/> is stored.</summary>
    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _version != knownVersion ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    private void Remember(TelemetryResource resource) => _resources[resource.Name] = resource;

    private void Changed()
    {
        _version++;
        var previous = _changed;
        _changed = NewChangeSignal();
        previous.SetResult();
    }

    private static TaskCompletionSource NewChangeSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
