namespace Exam3.Operations;

/// <summary>How many requests this instance has served, reported by /info.</summary>
public sealed class RequestCounter
{
    private long _served;

    public long Served => Interlocked.Read(ref _served);

    public void Increment() => Interlocked.Increment(ref _served);
}

/// <summary>Counts every request except health probes, which the registry sends every few seconds.</summary>
internal sealed class RequestCountingMiddleware(RequestDelegate next, RequestCounter counter)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!Extensions.IsHealthProbe(context.Request.Path))
        {
            counter.Increment();
        }

        return next(context);
    }
}
