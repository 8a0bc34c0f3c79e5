using System.Text.RegularExpressions;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.AppHost.Tests;

/// <summary>The AppHost as a user runs it: a process of its own, with children that must never outlive it.</summary>
public sealed partial class AppHostProcessTests(ITestOutputHelper output)
{
    private const string AllHealthy = "replicas healthy after";

    [Fact]
    public async Task AppHostKilledOutrightTakesEveryChildWithIt()
    {
        await using var appHost = await StartAppHostAsync();
        var children = ChildProcesses.Of(appHost.Id);
        Assert.Equal(3, children.Count);

        Signals.Send(appHost.Id, Signals.SigKill);

        await Eventually.UntilAsync("every child of the killed AppHost to be gone", Timeouts.Condition,
            () => !children.Any(ChildProcesses.IsAlive));
    }

    [Fact]
    public async Task SigtermStopsEveryChildAndExitsCleanly()
    {
        await using var appHost = await StartAppHostAsync();
        var children = ChildProcesses.Of(appHost.Id);

        await appHost.StopAsync(Timeouts.Condition);

        Assert.Equal(0, appHost.ExitCode);
        Assert.DoesNotContain(children, ChildProcesses.IsAlive);
        Assert.Equal(3, appHost.Output.Count(line => StoppedReplica().IsMatch(line)));
    }

    [Fact]
    public async Task StartupSummaryListsEveryReplicaWithItsStateAndUrl()
    {
        await using var appHost = await StartAppHostAsync();
        await appHost.WaitForOutputAsync("Press Ctrl+C to stop.", Timeouts.Condition);

        var rows = appHost.Output.Select(line => SummaryRow().Match(line)).Where(match => match.Success).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(3, rows.Select(row => row.Groups["port"].Value).Distinct().Count());
        Assert.Contains(appHost.Output, line => line.StartsWith("Dashboard: ", StringComparison.Ordinal));
    }

    private async Task<ProjectProcess> StartAppHostAsync()
    {
        var appHost = ProjectProcess.Start("apphost", "AppHost", "Exam3.AppHost", log: output.WriteLine);
        try
        {
            await appHost.WaitForOutputAsync(AllHealthy, Timeouts.Startup);
            return appHost;
        }
        catch
        {
            await appHost.DisposeAsync();
            throw;
        }
    }

    [GeneratedRegex(@"^operations-[a-z]{8}\s+Project\s+Running \(Healthy\)\s+http://127\.0\.0\.1:(?<port>\d+)/$")]
    private static partial Regex SummaryRow();

    [GeneratedRegex(@"operations-[a-z]{8} stopped$")]
    private static partial Regex StoppedReplica();
}
