using Exam3.LoadBalancer.Haproxy;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Exam3.LoadBalancer.Tests;

/// <summary>The synchronizer in the test process, running a real HAProxy on a free port with its files in a temp folder.</summary>
internal sealed class HaproxyHarness : IAsyncDisposable
{
    private readonly TemporaryFolder _folder;

    private HaproxyHarness(TemporaryFolder folder, LoadBalancerOptions options)
    {
        _folder = folder;
        Options = options;
        Synchronizer = new BackendSynchronizer(
            Microsoft.Extensions.Options.Options.Create(options),
            new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance),
            NullLogger<BackendSynchronizer>.Instance);
        Frontend = new Frontend(options.FrontendEndPoint.Port);
    }

    public LoadBalancerOptions Options { get; }

    public BackendSynchronizer Synchronizer { get; }

    public Frontend Frontend { get; }

    public static async Task<HaproxyHarness> StartAsync(int slots, CancellationToken cancellationToken)
    {
        var folder = new TemporaryFolder();
        var options = new LoadBalancerOptions { Frontend = $"127.0.0.1:{FreePort.Next()}", Slots = slots, StateDirectory = folder.Path };
        var harness = new HaproxyHarness(folder, options);
        await harness.Synchronizer.StartAsync(cancellationToken);
        return harness;
    }

    public Task<IReadOnlyList<ServerStatus>> ServersAsync(CancellationToken cancellationToken) =>
        Synchronizer.RuntimeApi.ShowServersAsync(Options.Service, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Frontend.Dispose();
        await Synchronizer.StopAsync(CancellationToken.None);
        await Synchronizer.DisposeAsync();
        _folder.Dispose();
    }
}
