using System.Collections.Concurrent;
using System.Diagnostics;
using Exam3.ServiceDefaults.Processes;

namespace Exam3.TestSupport;

/// <summary>
/// A built project of the solution running as a real child process on a loopback port, with its output captured.
/// Every instance is killed when the test process exits, so no test leaves a process behind.
/// </summary>
public sealed class ProjectProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    // How long the output of an exited process may take to arrive in full; a grandchild holding its pipes keeps them open.
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Action<string>? _log;

    static ProjectProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                ProcessSignals.Kill(process);
            }
        };
    }

    private ProjectProcess(string name, Uri baseAddress, Process process, Action<string>? log)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        _log = log;
    }

    /// <summary>A name for messages and output prefixes.</summary>
    public string Name { get; }

    /// <summary>Where the process listens: http://127.0.0.1:port/.</summary>
    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>
    /// Starts <paramref name="assemblyName"/> from <paramref name="projectFolder"/> listening on <paramref name="port"/>
    /// (a free one when null), with extra environment variables and arguments, in <paramref name="workingDirectory"/>
    /// (by default the folder of the built assembly).
    /// </summary>
    public static ProjectProcess Start(
        string name,
        string projectFolder,
        string assemblyName,
        int? port = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        IEnumerable<string>? arguments = null,
        Action<string>? log = null,
        string? workingDirectory = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port ?? FreePort.Next()}/");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(RepositoryPaths.ProjectAssembly(projectFolder, assemblyName))!,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.ProjectAssembly(projectFolder, assemblyName));
        foreach (var argument in arguments ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // The test machine's own telemetry settings must not leak into the children.
        startInfo.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        // A service that registers itself, told of no registry, would register at Consul's default address, 127.0.0.1:8500: a developer's running
        // distribution. Its registration is off unless the test names a registry (.ci/run checks that none reaches it).
        if (environment?.GetValueOrDefault("ConnectionStrings__consul") is null && environment?.GetValueOrDefault("CONSUL_HTTP_ADDR") is null)
        {
            startInfo.Environment["Consul__Registration__Enabled"] = "false";
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var started = new ProjectProcess(name, baseAddress, process, log);
        process.OutputDataReceived += (_, line) => started.Capture(line.Data);
        process.ErrorDataReceived += (_, line) => started.Capture(line.Data);
        process.Start();
        Running[process.Id] = process;
        process.Exited += (_, _) => Running.TryRemove(process.Id, out _);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until GET <paramref name="path"/> answers 2xx, failing early if the process exits.</summary>
    public Task WaitForHttpAsync(string path, TimeSpan timeout) =>
        Eventually.UntilAsync($"{Name} to answer GET {path}", timeout, async () =>
        {
            ThrowIfExited();
            using var response = await Probe.GetAsync(new Uri(BaseAddress, path));
            return response.IsSuccessStatusCode;
        });

    /// <summary>Waits until a line of output contains <paramref name="text"/>, failing early if the process exits without printing it.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.UntilAsync($"{Name} to print \"{text}\"", timeout, async () =>
        {
            if (Printed(text) || !_process.HasExited)
            {
                return Printed(text);
            }

            // It has exited; its last lines may still be on their way, and then it has printed all it ever will.
            await WaitForExitAsync(OutputDrainTimeout);
            if (!Printed(text))
            {
                ThrowIfExited();
            }

            return true;
        });

    /// <summary>
    /// Waits until the process has exited on its own and its last lines of output have been read (they may still be
    /// on their way when it has exited); throws naming it after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {Name} to exit.");
        }
    }

    /// <summary>SIGTERM, as Ctrl+C or a supervisor would send; SIGKILL if it has not exited within <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (!await ProcessSignals.StopAsync(_process, ProcessSignals.SigTerm, timeout))
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0.#} s of SIGTERM and was killed.");
        }
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to deregister.</summary>
    public void Kill()
    {
        ProcessSignals.Kill(_process);
        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        try
        {
            _log?.Invoke($"[{Name}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test that owned the log has finished; its output helper no longer accepts lines.
        }
    }

    private bool Printed(string text) => _output.Any(line => line.Contains(text, StringComparison.Ordinal));

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException(
                $"{Name} exited with code {_process.ExitCode}. Its last output:{Environment.NewLine}{string.Join(Environment.NewLine, _output.TakeLast(30))}");
        }
    }

}
