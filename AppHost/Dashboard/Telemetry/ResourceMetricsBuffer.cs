namespace Exam3.Dashboard.Telemetry;

/// <summary>One resource's metric series, bounded in points: the oldest point of the resource goes first.</summary>
internal sealed class ResourceMetricsBuffer(int maxPoints)
{
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    // Which series received each point, in arrival order: a series' points arrive oldest first,
    // so the resource's oldest point is always the first point of the series named here.
    private readonly Queue<Series> _arrival = new();

    public void Add(MetricBatch batch)
    {
        foreach (var (attributes, point) in batch.Points)
        {
            var key = $"{batch.Instrument.Meter}\n{batch.Instrument.Name}\n{string.Join('\n', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}";
            if (!_series.TryGetValue(key, out var series))
            {
                series = new Series(key, attributes);
                _series.Add(key, series);
            }

            series.Instrument = batch.Instrument;
            series.Points.Enqueue(point);
            _arrival.Enqueue(series);
            while (_arrival.Count > maxPoints)
            {
                var oldest = _arrival.Dequeue();
                oldest.Points.Dequeue();
                if (oldest.Points.Count == 0)
                {
                    _series.Remove(oldest.Key);
                }
            }
        }
    }

    public IReadOnlyList<MetricSeries> Snapshot(string? instrumentName) =>
    [
        .. _series.Values
            .Where(s => instrumentName is null || s.Instrument!.Name == instrumentName)
            .Select(s => new MetricSeries(s.Instrument!, s.Attributes, [.. s.Points])),
    ];

    private sealed class Series(string key, IReadOnlyList<TelemetryAttribute> attributes)
    {
        public string Key { get; } = key;

        public IReadOnlyList<TelemetryAttribute> Attributes { get; } = attributes;

        public MetricInstrument? Instrument { get; set; }

        public Queue<MetricPoint> Points { get; } = new();
    }
}
