using System.Collections.Concurrent;
using System.Diagnostics;
using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting.Orchestration;

/// <summary>
/// Starts every child process from one long-lived thread, under <c>setsid setpriv --pdeathsig KILL</c> on Linux, so that the kernel
/// kills the children if the AppHost dies without a chance to stop them (SIGKILL, a crash). PR_SET_PDEATHSIG fires when the
/// thread that forked exits, and thread-pool threads retire, hence the dedicated thread. On exit the survivors are killed too.
/// </summary>
internal sealed class ProcessLauncher : IDisposable
{
    private static readonly string[] Wrapper = LinuxWrapper();

    private readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> _requests = new();
    private readonly ConcurrentDictionary<int, Process> _children = new();
    private readonly Thread _thread;

    public ProcessLauncher()
    {
        _thread = new Thread(Serve) { IsBackground = true, Name = "Exam3 process launcher" };
        _thread.Start();
        AppDomain.CurrentDomain.ProcessExit += KillChildren;
    }

    /// <summary>True when children die with the AppHost even if it is killed outright.</summary>
    public static bool ChildrenDieWithParent => Wrapper.Length > 0;

    /// <summary>Starts <paramref name="launch"/> with exactly <paramref name="environment"/> on top of a cleaned copy of ours.</summary>
    public async Task<Process> StartAsync(
        ProcessLaunch launch,
        IReadOnlyDictionary<string, string> environment,
        Action<string, bool> onOutputLine)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add((CreateStartInfo(launch, environment), started));
        var process = await started.Task;

        // Lines written before these handlers exist wait in the pipe; none is lost.
        process.OutputDataReceived += (_, line) => Forward(line.Data, isError: false);
        process.ErrorDataReceived += (_, line) => Forward(line.Data, isError: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Forward(string? line, bool isError)
        {
            if (line is not null)
            {
                onOutputLine(line, isError);
            }
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillChildren;
        KillChildren(null, EventArgs.Empty);
        _requests.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _requests.Dispose();
    }

    private void Serve()
    {
        foreach (var (startInfo, started) in _requests.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
                process.Start();
                _children[process.Id] = process;
                process.Exited += (_, _) => _children.TryRemove(process.Id, out _);
                started.SetResult(process);
            }
            catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                started.SetException(error);
            }
        }
    }

    private static ProcessStartInfo CreateStartInfo(ProcessLaunch launch, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo(Wrapper.Length > 0 ? Wrapper[0] : launch.FileName)
        {
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (Wrapper.Length > 0)
        {
            foreach (var argument in Wrapper.Skip(1).Append(launch.FileName))
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // What the AppHost itself was given (a developer's OTLP endpoint, a stray ASPNETCORE_URLS) must not leak into children.
        foreach (var inherited in startInfo.Environment.Keys.Where(IsConventional).ToList())
        {
            startInfo.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    // setsid puts the child in its own session, so the terminal's Ctrl+C reaches the AppHost alone and the AppHost stops
    // the children in order; setpriv sets PR_SET_PDEATHSIG. Both exec in place: the child keeps one pid, the setting survives.
    private static string[] LinuxWrapper()
    {
        var setsid = OperatingSystem.IsLinux() ? ExecutableSearch.FindOnPath("setsid") : null;
        var setpriv = OperatingSystem.IsLinux() ? ExecutableSearch.FindOnPath("setpriv") : null;
        return setsid is null || setpriv is null ? [] : [setsid, setpriv, "--pdeathsig", "KILL", "--"];
    }

    private static bool IsConventional(string name) =>
        name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("CONSUL_HTTP_", StringComparison.OrdinalIgnoreCase)
        || name is "ASPNETCORE_URLS" or "HTTP_PORTS" or "HTTPS_PORTS";

    private void KillChildren(object? sender, EventArgs e)
    {
        foreach (var child in _children.Values)
        {
            try
            {
                child.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    }
}
