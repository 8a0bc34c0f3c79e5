using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Exam3.Hosting.ApplicationModel;
using Exam3.Hosting.Testing;

namespace Exam3.AppHost.Tests;

public sealed partial class ReplicaTests(AppHostFixture fixture) : IClassFixture<AppHostFixture>
{
    private IReadOnlyList<ResourceSnapshot> Operations => fixture.Distribution.App.ResourceNotifications.Find("operations");

    [Fact]
    public async Task OperationsRunsAsThreeReplicasWithDcpStyleNamesAndPortsOfTheirOwn()
    {
        // Healthy once is not healthy at every instant: a probe slowed by a loaded machine flaps a replica for a moment.
        await fixture.Distribution.App.WaitForResourceAsync("operations", replicas => replicas.All(replica => replica.IsHealthy), Timeouts.Condition, TestContext.Current.CancellationToken);
        Assert.Equal(3, Operations.Count);
        Assert.All(Operations, replica => Assert.Matches(ReplicaName(), replica.Name));
        Assert.Equal(3, Operations.Select(replica => replica.Name).Distinct().Count());
        Assert.Equal(3, Operations.Select(replica => replica.Urls[0].Port).Distinct().Count());
    }

    [Fact]
    public async Task EachReplicaAnswersWithItsOwnReplicaName()
    {
        foreach (var replica in Operations)
        {
            using var client = fixture.Distribution.App.CreateHttpClient(replica.Name);

            var info = await client.GetFromJsonAsync<InstanceInfo>("/info", TestContext.Current.CancellationToken);

            Assert.Equal(new InstanceInfo("operations", replica.Name), info);
        }
    }

    [Fact]
    public void EachReplicaGetsAspiresEnvironment()
    {
        foreach (var replica in Operations)
        {
            var environment = replica.Environment;

            Assert.Equal(replica.Urls[0].ToString().TrimEnd('/'), environment["ASPNETCORE_URLS"]);
            Assert.Equal("operations", environment["OTEL_SERVICE_NAME"]);
            Assert.Equal($"service.instance.id={replica.Name}", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        }
    }

    [Fact]
    public void ConsoleOutputIsKeptPerReplica()
    {
        foreach (var replica in Operations)
        {
            var output = fixture.Distribution.App.ConsoleText(replica.Name);

            Assert.Contains($"Now listening on: {replica.Urls[0].ToString().TrimEnd('/')}", output, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("^operations-[a-z]{8}$")]
    private static partial Regex ReplicaName();

    private sealed record InstanceInfo(string Service, string Instance);
}
