namespace Exam3.EndToEnd.Tests;

/// <summary>
/// What a process on the same machine can do to the distribution without the registry's management token, which the
/// AppHost makes for each run and gives only to the resources that reference the registry.
/// </summary>
public sealed class SecurityTests(DistributionFixture fixture) : SharedDistributionTests(fixture)
{
    private static readonly string[] OperationsRoute = ["urlprefix-/api/operations"];
    private static readonly string[] LeakRoute = ["urlprefix-/leak"];
    private static readonly string[] ExposedRoute = ["urlprefix-/exposed"];

    [Fact]
    public async Task ARogueInstanceRegisteredWithoutTheTokenIsRefusedAndGetsNoTraffic()
    {
        var replicas = (await App.HealthyOperationsAsync(Cancellation)).Names();
        using var anonymous = App.CreateHttpClient("consul");
        using var registry = App.CreateRegistryClient();
        using var gateway = App.CreateHttpClient("gateway");

        using var refused = await anonymous.PutAsJsonAsync("/v1/agent/service/register", new
        {
            Name = Distribution.Operations, ID = "operations-rogue", Address = "127.0.0.1", Port = 9, Tags = OperationsRoute,
        }, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.StartsWith("Permission denied", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.DoesNotContain("operations-rogue", (await Registry.InstancesAsync(registry, Distribution.Operations, Cancellation)).Select(entry => entry.Service.ID));
        await GatewayCalls.UntilExactlyTheseAnswerAsync(gateway, replicas, Cancellation);
    }

    [Fact]
    public async Task ARouteToTheRegistryCannotBeInjectedWithoutTheToken()
    {
        await App.HealthyOperationsAsync(Cancellation);
        using var anonymous = App.CreateHttpClient("consul");
        using var registry = App.CreateRegistryClient();
        using var gateway = App.CreateHttpClient("gateway");
        var registryAddress = anonymous.BaseAddress!;

        using var refused = await anonymous.PutAsJsonAsync("/v1/agent/service/register", new
        {
            Name = "leak", Address = registryAddress.Host, Port = registryAddress.Port, Tags = LeakRoute,
        }, Cancellation);
        using var write = await gateway.PutAsync("/leak/v1/kv/pwned", new StringContent("yes"), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await registry.GetAsync("/v1/kv/pwned", Cancellation)).StatusCode);
        Assert.Empty(await Registry.InstancesAsync(registry, "leak", Cancellation));
    }

    [Fact]
    public async Task EvenARegistrationWithTheTokenNeverPutsTheRegistryBehindTheGateway()
    {
        await App.HealthyOperationsAsync(Cancellation);
        using var registry = App.CreateRegistryClient();
        using var gateway = App.CreateHttpClient("gateway");
        var registryAddress = registry.BaseAddress!;

        using var registered = await registry.PutAsJsonAsync("/v1/agent/service/register", new
        {
            Name = "exposed", ID = "exposed-1", Address = registryAddress.Host, Port = registryAddress.Port, Tags = ExposedRoute,
        }, Cancellation);
        try
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
            // The route exists (its claim is in the catalog), but the gateway refuses its only instance: 503, not the registry.
            await Eventually.UntilAsync("the gateway to know the /exposed route", Timeouts.Condition, async () =>
            {
                using var answer = await gateway.GetAsync("/exposed/v1/status/leader", Cancellation);
                return answer.StatusCode == HttpStatusCode.ServiceUnavailable;
            });
            using var write = await gateway.PutAsync("/exposed/v1/kv/pwned", new StringContent("yes"), Cancellation);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await registry.GetAsync("/v1/kv/pwned", Cancellation)).StatusCode);
        }
        finally
        {
            await registry.PutAsync("/v1/agent/service/deregister/exposed-1", null, Cancellation);
        }
    }

    [Fact]
    public async Task WithoutTheTokenTheRegistryShowsNothing()
    {
        await App.HealthyOperationsAsync(Cancellation);
        using var anonymous = App.CreateHttpClient("consul");
        using var registry = App.CreateRegistryClient();

        Assert.Empty(await Registry.InstancesAsync(anonymous, Distribution.Operations, Cancellation));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v1/status/leader", Cancellation)).StatusCode);
        Assert.Equal(Distribution.ReplicaCount, (await Registry.InstancesAsync(registry, Distribution.Operations, Cancellation)).Count);
    }
}
