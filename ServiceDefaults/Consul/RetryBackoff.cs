namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// How long to wait before trying the registry again: quick at first, so that a registry that is merely starting
/// is found at once, and never longer than a few seconds, so that a returning registry is found soon.
/// </summary>
public static class RetryBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    /// <summary>The delay after <paramref name="failures"/> failed attempts in a row (1 or more).</summary>
    public static TimeSpan After(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(Max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Max(0, failures - 1))));

    /// <summary>Waits <paramref name="delay"/>, returning early and without throwing when <paramref name="token"/> is cancelled.</summary>
    public static async Task DelayQuietly(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, token);
        }
        catch (OperationCanceledException)
        {
            // Stopping; the caller's loop condition ends it.
        }
    }
}
