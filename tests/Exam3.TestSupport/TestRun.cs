using Xunit;

namespace Exam3.TestSupport;

/// <summary>What a test reads of the run it belongs to; every test project imports it statically.</summary>
public static class TestRun
{
    /// <summary>Cancelled when the test times out or the run is stopped: every wait a test makes passes it on.</summary>
    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;
}
