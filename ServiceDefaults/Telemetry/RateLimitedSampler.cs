using OpenTelemetry.Trace;

namespace Exam3.ServiceDefaults.Telemetry;

/// <summary>
/// Samples every new trace while they start no faster than <c>tracesPerSecond</c>, and drops the rest: a class sending
/// a few requests a second sees every one of them on the dashboard, while a flood from wrk is traced at that rate
/// instead of costing the gateway, the replicas and the dashboard a span each per request (bench/RESULTS.md). It
/// decides only for traces that start here; wrapped in <see cref="ParentBasedSampler"/>, a request that arrives
/// with a traceparent keeps its caller's decision, so a trace is kept or dropped whole.
/// Hand-written because OpenTelemetry .NET ships only AlwaysOn, AlwaysOff, TraceIdRatioBased and ParentBased; the
/// rate-limiting samplers of other SDKs are not served here.
/// </summary>
public sealed class RateLimitedSampler : Sampler
{
    private readonly double _tracesPerSecond;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    // A token bucket holding at most a second's worth of traces, refilled continuously.
    private double _tokens;
    private long _refilledAt;

    public RateLimitedSampler(double tracesPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tracesPerSecond);
        _tracesPerSecond = tracesPerSecond;
        _time = time;
        _tokens = tracesPerSecond;
        _refilledAt = time.GetTimestamp();
        Description = $"RateLimitedSampler{{{tracesPerSecond}/s}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_tracesPerSecond, _tokens + (_time.GetElapsedTime(_refilledAt, now).TotalSeconds * _tracesPerSecond));
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens--;
                return new SamplingResult(SamplingDecision.RecordAndSample);
            }
        }

        return new SamplingResult(SamplingDecision.Drop);
    }
}
