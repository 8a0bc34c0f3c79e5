namespace Exam3.EndToEnd.Tests;

/// <summary>
/// The distribution with its registry in a container (Consul:Mode=container, the image of Exam3.Discovery), started
/// once for the container-mode tests; where no engine or image is there, not started, and every test skips saying why.
/// </summary>
public sealed class ContainerDistributionFixture : IAsyncLifetime
{
    /// <summary>The AppHost settings of container mode with the locally built image of the registry.</summary>
    public static readonly string[] ContainerMode = ["Consul:Mode=container", $"Consul:Image={Docker.RegistryImage}"];

    private DistributedApplication? _app;
    private string? _skipReason;

    /// <summary>The running distribution; skips the calling test where container mode cannot run.</summary>
    public DistributedApplication App
    {
        get
        {
            if (_skipReason is not null)
            {
                Assert.Skip(_skipReason);
            }

            return _app ?? throw new InvalidOperationException("The distribution did not start.");
        }
    }

    public async ValueTask InitializeAsync()
    {
        _skipReason = await Docker.WhyNotAvailableAsync(Cancellation);
        if (_skipReason is null)
        {
            _app = await Distribution.StartAsync(withDashboard: false, Cancellation, ContainerMode);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
