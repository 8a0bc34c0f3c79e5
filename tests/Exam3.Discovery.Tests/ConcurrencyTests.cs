namespace Exam3.Discovery.Tests;

public sealed class ConcurrencyTests(DiscoveryFactory factory) : IClassFixture<DiscoveryFactory>
{
    private const int Clients = 16;
    private const int InstancesPerClient = 12;

    [Fact]
    public async Task ConcurrentRegistrationsAndDeregistrationsLoseAndDuplicateNothing()
    {
        var first = await factory.CreateClient().ReadAsync("/v1/health/service/crowd");

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(clientNumber => Task.Run(async () =>
        {
            var client = factory.CreateClient();
            for (var i = 0; i < InstancesPerClient; i++)
            {
                await client.RegisterAsync(new { Name = "crowd", ID = $"crowd-{clientNumber}-{i}", Port = 1000 + i, Check = new { TTL = "60s", Status = "passing" } });
                if (i % 3 == 0)
                {
                    Assert.Equal(System.Net.HttpStatusCode.OK, (await client.WriteAsync($"/v1/agent/service/deregister/crowd-{clientNumber}-{i}")).Status);
                }
            }
        }, Cancellation)));

        var client = factory.CreateClient();
        var expected = Enumerable.Range(0, Clients)
            .SelectMany(clientNumber => Enumerable.Range(0, InstancesPerClient).Where(i => i % 3 != 0).Select(i => $"crowd-{clientNumber}-{i}"))
            .Order(StringComparer.Ordinal);
        var health = await client.ReadAsync("/v1/health/service/crowd?passing");
        var ids = health.Json.EnumerateArray().Select(entry => entry.GetProperty("Service").GetProperty("ID").GetString()).Order(StringComparer.Ordinal);
        var checks = (await client.ReadAsync("/v1/health/checks/crowd")).Json.EnumerateArray().Select(check => check.GetProperty("ServiceID").GetString()).Order(StringComparer.Ordinal);

        Assert.Equal(expected, ids);
        Assert.Equal(expected, checks);
        // Every write got its own index: registrations plus deregistrations, nothing merged or skipped.
        Assert.Equal(first.Index + (Clients * InstancesPerClient) + (Clients * InstancesPerClient / 3), health.Index);
    }
}
