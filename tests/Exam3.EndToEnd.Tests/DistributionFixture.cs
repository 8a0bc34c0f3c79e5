using Exam3.Hosting.Testing;

namespace Exam3.EndToEnd.Tests;

/// <summary>
/// The AppHost's whole distribution (registry, three operations replicas, gateway) on free ports, started once for a test
/// class; the time it took to become healthy goes to the test output.
/// </summary>
public sealed class DistributionFixture : IAsyncLifetime
{
    private TestDistribution? _distribution;

    public TestDistribution Distribution => _distribution ?? throw new InvalidOperationException("The distribution did not start.");

    public async ValueTask InitializeAsync()
    {
        _distribution = await TestDistribution.StartAsync<Program>(Timeouts.Startup, cancellationToken: TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage(
            $"Distribution healthy {_distribution.StartupTime.TotalSeconds:0.00} s after start " +
            $"({_distribution.App.ResourceNotifications.Snapshots.Count} replicas).");
    }

    public async ValueTask DisposeAsync()
    {
        if (_distribution is not null)
        {
            await _distribution.DisposeAsync();
        }
    }
}
