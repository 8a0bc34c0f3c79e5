using System.Diagnostics;
using Exam3.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;

namespace Exam3.ServiceDefaults.Tests;

public sealed class RateLimitedSamplerTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void KeepsTheTracesOfOneSecondAndDropsTheNext()
    {
        var sampler = new RateLimitedSampler(5, _clock);

        Assert.Equal(Enumerable.Repeat(SamplingDecision.RecordAndSample, 5), Decide(sampler, 5));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, 1).Single());
    }

    [Fact]
    public void TimeAdmitsNewTracesAtTheRateAndNoMoreThanOneSecondsWorth()
    {
        var sampler = new RateLimitedSampler(10, _clock);
        Decide(sampler, 10);

        _clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(3, Decide(sampler, 10).Count(decision => decision == SamplingDecision.RecordAndSample));

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(10, Decide(sampler, 20).Count(decision => decision == SamplingDecision.RecordAndSample));
    }

    [Fact]
    public void UnderAParentBasedSamplerACallersDecisionWinsOverTheRate()
    {
        var exhausted = new RateLimitedSampler(1, _clock);
        Decide(exhausted, 1);
        var sampler = new ParentBasedSampler(exhausted);

        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var droppedParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

        Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Parameters(sampledParent)).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Parameters(droppedParent)).Decision);
        Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Parameters(default)).Decision);
    }

    private static List<SamplingDecision> Decide(Sampler sampler, int traces) =>
        [.. Enumerable.Range(0, traces).Select(_ => sampler.ShouldSample(Parameters(default)).Decision)];

    private static SamplingParameters Parameters(ActivityContext parent) =>
        new(parent, ActivityTraceId.CreateRandom(), "GET /add", ActivityKind.Server);
}
