namespace Exam3.Gateway.Tests.Routing;

public sealed class ProxyConfigFactoryTests
{
    private static readonly TimeSpan Quarantine = TimeSpan.FromSeconds(7);

    [Fact]
    public void ServiceBecomesARoundRobinClusterOfItsPassingInstances()
    {
        var service = new RoutedService("operations", ["/api/operations"], [Instance("operations-a", 5001), Instance("operations-b", 5002)]);

        var (_, clusters) = ProxyConfigFactory.Build([service], Quarantine);

        var cluster = Assert.Single(clusters);
        Assert.Equal("operations", cluster.ClusterId);
        Assert.Equal("RoundRobin", cluster.LoadBalancingPolicy);
        Assert.Equal("HealthyAndUnknown", cluster.HealthCheck!.AvailableDestinationsPolicy);
        Assert.True(cluster.HealthCheck.Passive!.Enabled);
        Assert.Equal(Quarantine, cluster.HealthCheck.Passive.ReactivationPeriod);
        Assert.Equal(["operations-a", "operations-b"], cluster.Destinations!.Keys.Order());
        Assert.Equal("http://127.0.0.1:5001/", cluster.Destinations["operations-a"].Address);
    }

    [Fact]
    public void EachPrefixBecomesARouteThatStripsIt()
    {
        var service = new RoutedService("operations", ["/api/operations", "/ops"], [Instance("operations-a", 5001)]);

        var (routes, _) = ProxyConfigFactory.Build([service], Quarantine);

        Assert.Equal(["/api/operations/{**remainder}", "/ops/{**remainder}"], routes.Select(route => route.Match.Path));
        Assert.All(routes, route => Assert.Equal("operations", route.ClusterId));
        var transforms = routes[0].Transforms!;
        Assert.Contains(transforms, transform => transform.TryGetValue("PathRemovePrefix", out var prefix) && prefix == "/api/operations");
        Assert.Contains(transforms, transform => transform.TryGetValue("RequestHeader", out var name) && name == "X-Forwarded-Prefix"
            && transform["Set"] == "/api/operations");
    }

    [Fact]
    public void ServiceWithNoPassingInstanceKeepsItsRouteWithAnEmptyCluster()
    {
        var (routes, clusters) = ProxyConfigFactory.Build([new RoutedService("operations", ["/api/operations"], [])], Quarantine);

        Assert.Single(routes);
        Assert.Empty(Assert.Single(clusters).Destinations!);
    }

    [Fact]
    public void Ipv6AddressIsBracketed()
    {
        var (_, clusters) = ProxyConfigFactory.Build(
            [new RoutedService("operations", ["/api/operations"], [Instance("operations-a", 5001) with { Address = "::1" }])], Quarantine);

        Assert.Equal("http://[::1]:5001/", clusters[0].Destinations!["operations-a"].Address);
    }

    internal static RegisteredInstance Instance(string id, int port) =>
        new(id, "operations", "node", "127.0.0.1", port, ["urlprefix-/api/operations"], new Dictionary<string, string>());
}
