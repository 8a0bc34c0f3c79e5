namespace Exam3.Gateway.Tests;

/// <summary>A gateway that the registry gives services but no route says so, instead of answering 404 in silence.</summary>
public sealed class NoRouteWarningTests : ProcessTestClass
{
    [Fact]
    public async Task GatewayWarnsWhenTheRegistryListsServicesButNoneClaimsARoute()
    {
        // A registry of its own: the shared one holds other tests' routes.
        await using var topology = await Topology.StartAsync();
        var echo = await topology.StartEchoAsync("untagged-1");

        // As an Operations replica registers when its appsettings.json was not found: no urlprefix- tag.
        await topology.Consul.RegisterServiceAsync(new ServiceRegistration
        {
            Name = "untagged",
            Id = echo.Id,
            Address = echo.BaseAddress.Host,
            Port = echo.BaseAddress.Port,
        }, Cancellation);

        // The warning waits out a grace of 10 s, for replicas still starting beside the gateway.
        await topology.Gateway.WaitForOutputAsync("The registry has listed untagged for 10 s but none has a urlprefix- tag", TimeSpan.FromSeconds(40));
        using var response = await topology.Client.GetAsync("/api/operations/add?a=1&b=2", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(topology.Gateway.Output, line => line.Contains("none has a urlprefix- tag", StringComparison.Ordinal));
    }
}
