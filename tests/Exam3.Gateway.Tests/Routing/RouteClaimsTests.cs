namespace Exam3.Gateway.Tests.Routing;

public sealed class RouteClaimsTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> NothingRemembered = [];

    [Fact]
    public void EveryServiceWithARouteTagGetsItsPrefixes()
    {
        var catalog = Catalog(
            ("operations", ["urlprefix-/api/operations", "version-1"]),
            ("billing", ["urlprefix-/api/billing", "urlprefix-/billing"]),
            ("gateway", []));

        var (claims, rejected) = RouteClaims.Read(catalog, NothingRemembered);

        Assert.Equal(["billing", "operations"], claims.Keys.Order());
        Assert.Equal(["/api/billing", "/billing"], claims["billing"]);
        Assert.Equal(["/api/operations"], claims["operations"]);
        Assert.Empty(rejected);
    }

    [Fact]
    public void RegistryIsNeverRoutedEvenWhenTagged()
    {
        var (claims, rejected) = RouteClaims.Read(Catalog(("consul", ["urlprefix-/v1"])), NothingRemembered);

        Assert.Empty(claims);
        Assert.Equal(new RejectedRoute("consul", "urlprefix-/v1", "the registry is never routed"), Assert.Single(rejected));
    }

    [Fact]
    public void PrefixClaimedTwiceGoesToTheFirstServiceByName()
    {
        var (claims, rejected) = RouteClaims.Read(
            Catalog(("zeta", ["urlprefix-/api/shared"]), ("alpha", ["urlprefix-/API/shared"])), NothingRemembered);

        Assert.Equal(["/API/shared"], Assert.Single(claims, pair => pair.Key == "alpha").Value);
        Assert.DoesNotContain("zeta", claims.Keys);
        Assert.Equal("/api/shared is already routed to alpha", Assert.Single(rejected).Reason);
    }

    [Fact]
    public void ServiceGoneFromTheCatalogKeepsItsRememberedRoute()
    {
        var remembered = new Dictionary<string, IReadOnlyList<string>> { ["operations"] = ["/api/operations"] };

        var (claims, _) = RouteClaims.Read(Catalog(), remembered);

        Assert.Equal(["/api/operations"], claims["operations"]);
    }

    [Fact]
    public void RememberedRouteYieldsToAServiceThatClaimsItNow()
    {
        var remembered = new Dictionary<string, IReadOnlyList<string>> { ["old"] = ["/api/x"] };

        var (claims, _) = RouteClaims.Read(Catalog(("new", ["urlprefix-/api/x"])), remembered);

        Assert.Equal(["new"], claims.Keys);
    }

    [Fact]
    public void ServiceStillListedWithoutRouteTagsIsNotRoutedFromMemory()
    {
        var remembered = new Dictionary<string, IReadOnlyList<string>> { ["operations"] = ["/api/operations"] };

        var (claims, _) = RouteClaims.Read(Catalog(("operations", ["version-2"])), remembered);

        Assert.Empty(claims);
    }

    private static CatalogServices Catalog(params (string Name, string[] Tags)[] services) =>
        new(services.ToDictionary(service => service.Name, service => (IReadOnlyList<string>)service.Tags));
}
