using System.Collections.Concurrent;
using System.Diagnostics;
using Exam3.ServiceDefaults.Processes;
using Microsoft.Extensions.Logging;

namespace Exam3.LoadBalancer.Haproxy;

/// <summary>
/// HAProxy as a child process in master-worker mode, in the foreground: the master reloads on a signal by starting
/// a new worker that inherits the listening sockets, so a reload drops no connection. HAProxy never outlives this
/// process: it is stopped on shutdown, killed at process exit, and, where setpriv exists, killed by the kernel
/// (PR_SET_PDEATHSIG) if this process dies without a chance to clean up; its workers exit with their master.
/// </summary>
internal sealed partial class HaproxyProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 50;

    private readonly ConcurrentQueue<string> _output = new();
    private readonly ILogger _logger;
    private readonly Process _process;
    private int _disposed;

    private HaproxyProcess(Process process, ILogger logger)
    {
        _process = process;
        _logger = logger;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Completes when HAProxy exits, for whatever reason.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>HAProxy's last lines of output, for error messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Starts <c>haproxy -W -db -f <paramref name="configurationPath"/></c>.</summary>
    public static async Task<HaproxyProcess> StartAsync(string haproxy, string configurationPath, ILogger logger)
    {
        var startInfo = StartInfo(haproxy, configurationPath);
        var started = new TaskCompletionSource<HaproxyProcess>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The kernel sends PDEATHSIG when the *thread* that forked the child ends, not the process; thread-pool
        // threads retire when idle, so the fork happens on a thread of our own that lives exactly as long as HAProxy.
        var parent = new Thread(() =>
        {
            try
            {
                var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
                var haproxyProcess = new HaproxyProcess(process, logger);
                // Waiting on the event rather than on the Process object, which may be disposed meanwhile.
                var exited = new TaskCompletionSource();
                process.Exited += (_, _) => exited.TrySetResult();
                process.OutputDataReceived += (_, line) => haproxyProcess.Capture(line.Data);
                process.ErrorDataReceived += (_, line) => haproxyProcess.Capture(line.Data);
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => ProcessSignals.Kill(process);
                started.SetResult(haproxyProcess);
                exited.Task.Wait();
            }
            catch (Exception error) when (!started.Task.IsCompleted)
            {
                started.SetException(new HaproxyException($"Could not start {haproxy}: {error.Message}", error));
            }
        })
        {
            IsBackground = true,
            Name = "haproxy parent",
        };
        parent.Start();
        return await started.Task;
    }

    /// <summary>Asks the master to reload its configuration; the old worker finishes its connections and exits.</summary>
    public void Reload()
    {
        if (!ProcessSignals.Send(_process.Id, ProcessSignals.SigUsr2))
        {
            throw new HaproxyException($"Could not signal HAProxy (pid {_process.Id}) to reload; it has exited.");
        }
    }

    /// <summary>Soft stop: HAProxy finishes the requests in flight; killed if it takes longer than <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        // SIGUSR1 is HAProxy's soft stop.
        if (!await ProcessSignals.StopAsync(_process, ProcessSignals.SigUsr1, timeout))
        {
            Log.KilledAfterTimeout(_logger, timeout.TotalSeconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The host disposes the synchronizer twice (as itself and as a hosted service), and with it this.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        ProcessSignals.Kill(_process);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string haproxy, string configurationPath)
    {
        // Each wrapper execs the next, so the process started is HAProxy's master itself (same pid). setsid puts it
        // in a session of its own, so that Ctrl+C in a terminal reaches only this process, which then stops HAProxy
        // softly; setpriv sets the parent-death signal, which HAProxy keeps across the re-exec of a reload.
        string[] wrappers = [.. Wrapper("setsid"), .. Wrapper("setpriv", "--pdeathsig", "KILL")];
        // -W: master-worker, for seamless reloads; -db: stay in the foreground, as this process's child.
        string[] command = [.. wrappers, haproxy, "-W", "-db", "-f", configurationPath];

        var startInfo = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configurationPath)!,
        };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    // util-linux's tools, where they exist (not on macOS); without them HAProxy is still stopped and killed at exit.
    private static string[] Wrapper(string tool, params string[] arguments) =>
        HaproxyExecutable.Find(tool) is { } path ? [path, .. arguments] : [];

    private void Capture(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        _output.Enqueue(line);
        if (_output.Count > OutputLinesKept)
        {
            _output.TryDequeue(out _);
        }

        var level = line.StartsWith("[ALERT]", StringComparison.Ordinal) ? LogLevel.Error
            : line.StartsWith("[WARNING]", StringComparison.Ordinal) ? LogLevel.Warning
            : LogLevel.Information;
        Log.Output(_logger, level, line);
    }


    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Message = "haproxy: {Line}")]
        public static partial void Output(ILogger logger, LogLevel level, string line);

        [LoggerMessage(2, LogLevel.Warning, "HAProxy did not stop within {Seconds} s of a soft stop and was killed.")]
        public static partial void KilledAfterTimeout(ILogger logger, double seconds);
    }
}
