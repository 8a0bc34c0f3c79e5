using Exam3.Discovery.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Exam3.Discovery.Tests.Hostile;

/// <summary>
/// The leak the hostile run found: every service name ever registered stayed in the per-name index table, so a client
/// registering and deregistering services under new (or megabyte-long) names grew the registry without bound.
/// </summary>
public sealed class ServiceNameRetentionTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task DeregisteredNameIsForgottenAndItsQueriesReportTheExtinctionIndex()
    {
        var name = "hostile-" + new string('n', 4096);
        await _client.RegisterAsync(new { Name = name, ID = "hostile-retention" });
        await _client.WriteAsync("/v1/agent/service/deregister/hostile-retention");

        var registry = factory.Services.GetRequiredService<ConsulRegistry>();
        var index = (await _client.ReadAsync($"/v1/health/service/{name}")).Index;

        Assert.DoesNotContain(name, registry.Current.ServiceNameIndexes.Keys);
        Assert.Equal(registry.Current.ServiceExtinctionIndex, index);
        Assert.True(index > 1, "a query on a name that existed reports when it went, not the node's creation");
    }
}
