using System.Diagnostics;

namespace Exam3.TestSupport;

/// <summary>Waits on a condition with a deadline, instead of sleeping a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="condition"/> until it holds, or throws naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
            {
                lastError = error;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.", lastError);
    }

    /// <inheritdoc cref="UntilAsync(string, TimeSpan, Func{Task{bool}})"/>
    public static Task UntilAsync(string what, TimeSpan timeout, Func<bool> condition) =>
        UntilAsync(what, timeout, () => Task.FromResult(condition()));
}
