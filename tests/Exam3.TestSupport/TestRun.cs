using Xunit;

namespace Exam3.TestSupport;

/// <summary>What a test reads of the run it belongs to; every test project imports it statically.</summary>
public static class TestRun
{
    /// <summary>Cancelled when the test times out or the run is stopped: every wait a test makes passes it on.</summary>
    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// How long a test waits for a condition before it fails: generous, because the tests share two cores with the
    /// processes they start, and never a measure of speed (bench/ measures that).
    /// </summary>
    public static TimeSpan Deadline { get; } = TimeSpan.FromSeconds(30);
}
