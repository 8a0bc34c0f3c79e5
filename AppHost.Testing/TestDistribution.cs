using System.Diagnostics;

namespace Exam3.Hosting.Testing;

/// <summary>
/// A started distribution for tests, healthy before the first test runs and stopped (in order, gracefully) on dispose.
/// A test class shares one through a class fixture; <see cref="StartupTime"/> says how long it took to become healthy.
/// </summary>
public sealed class TestDistribution : IAsyncDisposable
{
    private TestDistribution(DistributedApplication app, TimeSpan startupTime)
    {
        App = app;
        StartupTime = startupTime;
    }

    public DistributedApplication App { get; }

    /// <summary>From StartAsync to every replica healthy.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Builds <typeparamref name="TEntryPoint"/>'s topology with free ports, starts it and waits for all of it to be healthy.</summary>
    public static async Task<TestDistribution> StartAsync<TEntryPoint>(
        TimeSpan timeout,
        string[]? args = null,
        Action<DistributedApplicationBuilder>? configure = null,
        DistributedApplicationTestingBuilderOptions? options = null,
        CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TEntryPoint>(
            args ?? [], options ?? new DistributedApplicationTestingBuilderOptions(), cancellationToken);
        configure?.Invoke(builder);
        return await StartAsync(builder, timeout, cancellationToken);
    }

    /// <summary>Builds and starts what <paramref name="builder"/> declares and waits for all of it to be healthy.</summary>
    public static async Task<TestDistribution> StartAsync(DistributedApplicationBuilder builder, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var app = builder.Build();
        try
        {
            var clock = Stopwatch.StartNew();
            await app.StartAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            await app.WaitForAllHealthyAsync(timeout, cancellationToken);
            return new TestDistribution(app, clock.Elapsed);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
