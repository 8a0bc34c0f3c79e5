namespace Exam3.ServiceDefaults.Tests;

/// <summary>
/// Tests that time how fast a change reaches a client against a one-second bound. Run beside the other process tests
/// of this assembly they would measure the competition for two cores; alone, they measure discovery.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedPropagationTests
{
    public const string Name = "Timed propagation";
}
