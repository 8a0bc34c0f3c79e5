namespace Exam3.Gateway.Tests.Harness;

/// <summary>
/// The tests that start real processes assert exact counts while replicas start, die and deregister. Run side by side
/// on a loaded machine they would compete for the same cores; one at a time keeps them honest and their deadlines generous.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTests
{
    public const string Name = "Real processes";
}

/// <summary>A test class whose tests start real processes: it belongs to <see cref="ProcessTests"/>, which runs alone.</summary>
[Collection(ProcessTests.Name)]
public abstract class ProcessTestClass;
