namespace Exam3.EndToEnd.Tests;

/// <summary>Generous bounds: the tests share two cores with other builds, so waits are long while the behaviour asserted stays exact.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(180);
    public static readonly TimeSpan Condition = TimeSpan.FromSeconds(60);
}
