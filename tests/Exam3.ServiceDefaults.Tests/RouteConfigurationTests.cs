namespace Exam3.ServiceDefaults.Tests;

/// <summary>A service keeps its route wherever it is started from, and says so when its configuration gives it none.</summary>
public sealed class RouteConfigurationTests
{
    private const string NoRouteWarning = "registers without a urlprefix- tag";

    [Fact]
    public async Task ServiceStartedFromAnotherFolderRegistersTheRouteTagOfItsAppsettings()
    {
        var elsewhere = Directory.CreateTempSubdirectory("exam3-cwd-");
        try
        {
            await using var registry = await RegistryProcess.StartAsync();

            // Nothing in the environment names the tag: it can only come from appsettings.json beside the assembly.
            await using var replica = await OperationsReplica.StartAsync(registry.Address, "operations-cwd", workingDirectory: elsewhere.FullName);
            await Eventually.UntilAsync("operations-cwd to register", Deadline, async () => await registry.AgentServiceAsync("operations-cwd") is not null);

            var service = (await registry.AgentServiceAsync("operations-cwd"))!.Value;
            Assert.Equal(["urlprefix-/api/operations"], service.GetProperty("Tags").EnumerateArray().Select(tag => tag.GetString()));
            Assert.DoesNotContain(replica.Output, line => line.Contains(NoRouteWarning, StringComparison.Ordinal));
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ServiceWhoseConfigurationGivesNoRouteTagWarnsAtStart()
    {
        await using var registry = await RegistryProcess.StartAsync();

        await using var replica = await OperationsReplica.StartAsync(registry.Address, "operations-untagged", settings: new Dictionary<string, string?>
        {
            // Replaces the one tag of appsettings.json with nothing, as a mistyped or lost setting would.
            ["Consul__Registration__Tags__0"] = "",
        });

        await replica.WaitForOutputAsync(NoRouteWarning, Deadline);
        Assert.Contains(replica.Output, line => line.Contains("warn", StringComparison.Ordinal) && line.Contains("RouteTagCheck", StringComparison.Ordinal));
    }
}
