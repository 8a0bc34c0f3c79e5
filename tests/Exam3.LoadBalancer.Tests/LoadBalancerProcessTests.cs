using Exam3.ServiceDefaults.Processes;

namespace Exam3.LoadBalancer.Tests;

/// <summary>The load balancer as the AppHost runs it: a process that owns its HAProxy and checks its settings at start.</summary>
public sealed class LoadBalancerProcessTests
{
    [Theory]
    [InlineData(ProcessSignals.SigTerm)]
    [InlineData(ProcessSignals.SigKill)]
    public async Task HaproxyIsGoneAfterTheLoadBalancerStopsAndItsFilesAfterTheStopOrTheNextStart(int signal)
    {
        var frontendPort = FreePort.Next();
        await using var loadBalancer = StartLoadBalancer(frontendPort);
        await loadBalancer.WaitForHttpAsync("/health", Deadline);
        var haproxy = ProcessTable.DescendantsNamed(loadBalancer.Id, "haproxy");
        Assert.NotEmpty(haproxy);

        ProcessSignals.Send(loadBalancer.Id, signal);

        await loadBalancer.WaitForExitAsync(Deadline);
        await Eventually.UntilAsync($"HAProxy ({string.Join(", ", haproxy)}) to exit", Deadline, () => !haproxy.Any(ProcessTable.IsRunning));
        using var frontend = new Frontend(frontendPort);
        await Assert.ThrowsAsync<HttpRequestException>(() => frontend.ServedByAsync(Cancellation));
        var state = Path.Combine(Path.GetTempPath(), $"exam3-lb-{loadBalancer.Id}");
        if (signal == ProcessSignals.SigKill)
        {
            // Killed, it could not clean up; the next load balancer to start does.
            await using var next = StartLoadBalancer(FreePort.Next());
            await next.WaitForHttpAsync("/health", Deadline);
        }

        Assert.False(Directory.Exists(state), $"{state} is still there");
    }

    [Fact]
    public async Task StartRemovesTheFoldersOfLoadBalancersNoLongerRunningAndKeepsTheOthers()
    {
        var gone = Path.Combine(Path.GetTempPath(), $"exam3-lb-{await ExitedProcessIdAsync()}");
        var running = Path.Combine(Path.GetTempPath(), $"exam3-lb-{Environment.ProcessId}");
        Directory.CreateDirectory(gone);
        await File.WriteAllTextAsync(Path.Combine(gone, "haproxy.cfg"), "left behind", Cancellation);
        Directory.CreateDirectory(running);
        try
        {
            await using var loadBalancer = StartLoadBalancer(FreePort.Next());
            await loadBalancer.WaitForHttpAsync("/health", Deadline);

            Assert.False(Directory.Exists(gone), $"{gone} is still there");
            Assert.True(Directory.Exists(running), $"{running} was removed though its process runs");
        }
        finally
        {
            Directory.Delete(running, recursive: true);
            if (Directory.Exists(gone))
            {
                Directory.Delete(gone, recursive: true);
            }
        }
    }

    private static async Task<int> ExitedProcessIdAsync()
    {
        using var exited = System.Diagnostics.Process.Start("true");
        await exited.WaitForExitAsync(Cancellation);
        return exited.Id;
    }

    [Theory]
    [InlineData("LoadBalancer__Haproxy", "/nonexistent/haproxy", "LoadBalancer:Haproxy '/nonexistent/haproxy' was not found")]
    [InlineData("LoadBalancer__Frontend", "127.0.0.1", "LoadBalancer:Frontend '127.0.0.1' is not an ip:port")]
    [InlineData("LoadBalancer__Slots", "0", "LoadBalancer:Slots must be between 1 and 4096")]
    public async Task WrongSettingStopsTheStartNamingIt(string variable, string value, string message)
    {
        await using var loadBalancer = StartLoadBalancer(FreePort.Next(), (variable, value));

        await loadBalancer.WaitForExitAsync(Deadline);

        Assert.NotEqual(0, loadBalancer.ExitCode);
        Assert.Contains(loadBalancer.Output, line => line.Contains(message, StringComparison.Ordinal));
    }

    private static ProjectProcess StartLoadBalancer(int frontendPort, params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["LoadBalancer__Frontend"] = $"127.0.0.1:{frontendPort}",
            // A registry nobody answers at: these tests are about HAProxy's lifetime, not its backend.
            ["ConnectionStrings__consul"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Consul__Registration__Enabled"] = "false",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return ProjectProcess.Start("lb", "Services/LoadBalancer", "Exam3.LoadBalancer", environment: environment);
    }
}
