using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>The dashboard's Resources page: what runs, how it is, and the commands Exam3 adds to it.</summary>
public sealed class ResourcesPageTests(DashboardFixture dashboard) : DashboardTests
{
    [Fact]
    public async Task ListsTheRegistryTheThreeReplicasTheGatewayAndHaproxyRunningAndHealthy()
    {
        var replicas = await dashboard.App.HealthyOperationsAsync(Cancellation);
        await using var context = await dashboard.NewBrowserContextAsync();
        var page = await dashboard.SignInAsync(context);

        foreach (var resource in Distribution.Singletons.Concat(replicas.Select(replica => replica.Name)))
        {
            // The dashboard names the state "Running" only when the resource's health checks pass too; otherwise the
            // cell reads "Running (Unhealthy)" and is labelled "Resource is running but not in a healthy state."
            var state = page.ResourceRow(resource).GetByRole(AriaRole.Gridcell, new() { Name = "Running", Exact = true });
            await Expect(state).ToHaveTextAsync("Running", new() { Timeout = DashboardPages.Arrival });
        }

        await Expect(page.GetByRole(AriaRole.Gridcell, new() { NameRegex = new Regex($"^\\w+: {Distribution.Operations}-") }))
            .ToHaveCountAsync(Distribution.ReplicaCount);
        await page.SaveScreenshotAsync("resources");
    }

    [Fact]
    public async Task MaintenanceOnFromTheActionsMenuTakesAReplicaOutOfRotationAndOffBringsItBack()
    {
        var app = dashboard.App;
        var replicas = (await app.HealthyOperationsAsync(Cancellation)).Names();
        var resting = replicas[1];
        var others = replicas.Where(replica => replica != resting).ToList();
        using var registry = app.CreateRegistryClient();
        using var gateway = app.CreateHttpClient("gateway");
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas, Cancellation);
        await using var context = await dashboard.NewBrowserContextAsync();
        var page = await dashboard.SignInAsync(context);

        await page.RunCommandAsync(resting, "Maintenance on");

        Assert.Contains(await ChecksOfAsync(registry, resting), check => check.CheckID == $"_service_maintenance:{resting}" && check.Status == "critical");
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, others, Cancellation);

        await page.RunCommandAsync(resting, "Maintenance off");

        Assert.DoesNotContain(await ChecksOfAsync(registry, resting), check => check.CheckID.StartsWith("_service_maintenance:", StringComparison.Ordinal));
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas, Cancellation);
    }

    private static async Task<IReadOnlyList<Registry.CheckEntry>> ChecksOfAsync(HttpClient registry, string instance) =>
        (await Registry.InstancesAsync(registry, Distribution.Operations, Cancellation)).Single(entry => entry.Service.ID == instance).Checks;
}
