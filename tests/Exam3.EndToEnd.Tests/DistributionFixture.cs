namespace Exam3.EndToEnd.Tests;

/// <summary>The whole distribution without the dashboard, started once and shared by the tests of one collection.</summary>
public sealed class DistributionFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The distribution did not start.");

    public async ValueTask InitializeAsync() =>
        _app = await Distribution.StartAsync(withDashboard: false, Cancellation);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one running distribution, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedDistribution : ICollectionFixture<DistributionFixture>
{
    public const string Name = "shared distribution";
}
