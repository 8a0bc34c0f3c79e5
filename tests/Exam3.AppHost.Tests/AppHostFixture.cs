using Exam3.Hosting.Testing;

namespace Exam3.AppHost.Tests;

/// <summary>The AppHost's own topology, started once for a test class and stopped after it.</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    private TestDistribution? _distribution;

    public TestDistribution Distribution => _distribution ?? throw new InvalidOperationException("The distribution did not start.");

    public async ValueTask InitializeAsync() =>
        _distribution = await TestDistribution.StartAsync<Program>(Timeouts.Startup, cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_distribution is not null)
        {
            await _distribution.DisposeAsync();
        }
    }
}
