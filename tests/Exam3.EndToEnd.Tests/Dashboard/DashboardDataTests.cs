namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>
/// Where a test's dashboard keeps its telemetry and logs: in a temporary directory of its own, not among the runs Aspire
/// keeps in the user's home, the last 10 of which a developer's own dashboard offers to reopen.
/// </summary>
public sealed class DashboardDataTests(DashboardFixture dashboard) : DashboardTests
{
    private const string Database = "dashboard.db";

    [Fact]
    public async Task TheDashboardOfATestKeepsItsDatabaseOutOfTheUsersHome()
    {
        var process = await dashboard.ProcessIdAsync();
        string? database = null;

        await Eventually.UntilAsync($"the dashboard (pid {process}) to open its {Database}", Deadline, () => (database = OpenDatabaseOf(process)) is not null);

        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aspire");
        Assert.False(database!.StartsWith(home + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"The dashboard keeps {database}, in the user's home.");
        Assert.StartsWith(Path.GetTempPath(), database, StringComparison.Ordinal);
    }

    // The database file among the process's open files, by its descriptors' targets.
    private static string? OpenDatabaseOf(int process)
    {
        foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{process}/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && Path.GetFileName(target) == Database)
                {
                    return target;
                }
            }
            catch (IOException)
            {
                // Closed while being read.
            }
        }

        return null;
    }
}
