namespace Exam3.LoadBalancer.Backend;

/// <summary>
/// Keeps HAProxy's backend equal to a set of replicas: runs HAProxy, rewrites haproxy.cfg atomically on every
/// change, applies the change through the runtime API, and reloads gracefully only when the slots run out.
/// HAProxy exiting on its own stops the application, so that its supervisor restarts both.
/// </summary>
internal sealed partial class BackendSynchronizer(
    IOptions<LoadBalancerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<BackendSynchronizer> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly LoadBalancerOptions _options = options.Value;
    private readonly HaproxyRuntimeApi _runtimeApi = new(options.Value.SocketPath);
    private readonly SemaphoreSlim _applying = new(1, 1);
    private HaproxyProcess? _haproxy;
    private volatile bool _stopping;

    // After a failed apply nobody knows which commands took effect; the next apply sets every slot again.
    private bool _inDoubt;

    /// <summary>The table HAProxy runs with.</summary>
    public BackendSnapshot Current { get; private set; } = new(SlotTable.Empty(options.Value.Slots), DateTimeOffset.UtcNow, 0);

    public HaproxyRuntimeApi RuntimeApi => _runtimeApi;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.OwnsStateDirectory)
        {
            StaleStateFolders.Remove(logger);
        }

        Directory.CreateDirectory(_options.StateDirectoryPath);
        await AtomicFile.WriteAsync(_options.ConfigurationPath, HaproxyConfiguration.Render(_options, Current.Table), cancellationToken);

        var haproxy = HaproxyExecutable.Find(_options.Haproxy)!;
        _haproxy = await HaproxyProcess.StartAsync(haproxy, _options.ConfigurationPath, logger);
        await WaitUntilServingAsync(Current.Table.Size, StartTimeout, cancellationToken);
        _ = WatchForExitAsync(_haproxy);
        Log.Started(logger, _haproxy.Id, _options.FrontendEndPoint.ToString(), _options.Service, _options.ConfigurationPath);
    }

    /// <summary>Makes the backend serve exactly <paramref name="members"/>. Callers take turns.</summary>
    public async Task ApplyAsync(IReadOnlyCollection<BackendMember> members, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            var before = Current;
            var next = before.Table.Assign(members);
            var wasInDoubt = _inDoubt;
            if (next.Equals(before.Table) && !wasInDoubt)
            {
                return;
            }

            _inDoubt = true;
            await AtomicFile.WriteAsync(_options.ConfigurationPath, HaproxyConfiguration.Render(_options, next), cancellationToken);
            var reloads = before.Reloads;
            if (next.Size != before.Table.Size)
            {
                Log.Growing(logger, before.Table.Size, next.Size);
                Haproxy.Reload();
                await WaitUntilServingAsync(next.Size, ReloadTimeout, cancellationToken);
                reloads++;
            }
            else
            {
                foreach (var slot in wasInDoubt ? next.Slots : before.Table.ChangedIn(next))
                {
                    await _runtimeApi.SetSlotAsync(_options.Service, slot, cancellationToken);
                }
            }

            await VerifyAsync(next, cancellationToken);
            _inDoubt = false;
            Current = new BackendSnapshot(next, DateTimeOffset.UtcNow, reloads);
            Log.Applied(logger, _options.Service, next.Members.Count(), string.Join(", ", next.Members.Select(member => member.InstanceId)));
        }
        finally
        {
            _applying.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_haproxy is not null)
        {
            await _haproxy.StopAsync(StopTimeout);
        }

        if (_options.OwnsStateDirectory && Directory.Exists(_options.StateDirectoryPath))
        {
            Directory.Delete(_options.StateDirectoryPath, recursive: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_haproxy is not null)
        {
            await _haproxy.DisposeAsync();
        }

    }

    private HaproxyProcess Haproxy => _haproxy ?? throw new InvalidOperationException("HAProxy has not been started.");

    // After a start or a reload the worker answering the socket must be the one that read the current file.
    private async Task WaitUntilServingAsync(int slots, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HaproxyException? lastError = null;
        while (!deadline.IsCancellationRequested)
        {
            if (Haproxy.HasExited)
            {
                throw new HaproxyException($"HAProxy exited with code {Haproxy.ExitCode}. Its output:{Environment.NewLine}{Haproxy.RecentOutput}");
            }

            try
            {
                if ((await _runtimeApi.ShowServersAsync(_options.Service, deadline.Token)).Count == slots)
                {
                    return;
                }
            }
            catch (HaproxyException error)
            {
                lastError = error;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new HaproxyException(
            $"HAProxy did not serve {slots} slots within {timeout.TotalSeconds:0} s. {lastError?.Message} Its output:{Environment.NewLine}{Haproxy.RecentOutput}",
            lastError);
    }

    // Reads the backend back, so that a command HAProxy accepted but did not apply cannot go unnoticed.
    private async Task VerifyAsync(SlotTable expected, CancellationToken cancellationToken)
    {
        var actual = (await _runtimeApi.ShowServersAsync(_options.Service, cancellationToken)).ToDictionary(server => server.Server, StringComparer.Ordinal);
        foreach (var slot in expected.Slots)
        {
            var matches = actual.TryGetValue(slot.Server, out var server) && (slot.Member is { } member
                ? !server.IsInMaintenance && server.Address == member.Endpoint
                : server.IsInMaintenance);
            if (!matches)
            {
                throw new HaproxyException(
                    $"HAProxy's server {_options.Service}/{slot.Server} is {server?.Status ?? "missing"} at {server?.Address}, " +
                    $"expected {(slot.Member is null ? "in maintenance" : $"serving {slot.Member.InstanceId} at {slot.Member.Endpoint}")}.");
            }
        }
    }

    private async Task WatchForExitAsync(HaproxyProcess haproxy)
    {
        await haproxy.Exited;
        if (!_stopping && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            Log.ExitedUnexpectedly(logger, haproxy.ExitCode, haproxy.RecentOutput);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "HAProxy (pid {Pid}) balances {Frontend} over the passing instances of {Service}; configuration {Path}.")]
        public static partial void Started(ILogger logger, int pid, string frontend, string service, string path);

        [LoggerMessage(2, LogLevel.Information, "The backend of {Service} now serves {Count} replicas: {Members}.")]
        public static partial void Applied(ILogger logger, string service, int count, string members);

        [LoggerMessage(3, LogLevel.Warning, "All {Slots} server slots are taken; growing to {NewSlots} with a graceful reload.")]
        public static partial void Growing(ILogger logger, int slots, int newSlots);

        [LoggerMessage(4, LogLevel.Critical, "HAProxy exited on its own with code {ExitCode}; stopping so that the supervisor restarts the load balancer. Its output:\n{Output}")]
        public static partial void ExitedUnexpectedly(ILogger logger, int? exitCode, string output);
    }
}
