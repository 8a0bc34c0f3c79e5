namespace Exam3.EndToEnd.Tests;

/// <summary>
/// A test class of the shared distribution's collection: its tests run one after another against the one running
/// distribution, <see cref="App"/>.
/// </summary>
[Collection(SharedDistribution.Name)]
public abstract class SharedDistributionTests(DistributionFixture fixture)
{
    protected DistributedApplication App => fixture.App;
}
