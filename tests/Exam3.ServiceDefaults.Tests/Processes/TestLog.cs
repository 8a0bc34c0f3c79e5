namespace Exam3.ServiceDefaults.Tests.Processes;

/// <summary>Child processes' output, into the current test's output.</summary>
internal static class TestLog
{
    public static void Line(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
