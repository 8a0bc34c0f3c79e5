using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Exam3.ServiceDefaults.Tests;

public sealed class SelfRegistrationTests
{
    [Fact]
    public void AdvertisesTheBoundAddressAndPort() =>
        Assert.Equal(new Uri("http://127.0.0.1:41234/"), SelfRegistration.AdvertisedUri(["http://127.0.0.1:41234"], address: null));

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://[::]:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:5000")]
    [InlineData("http://localhost:5000")]
    public void AWildcardOrNamedListenerIsAdvertisedOnLoopbackNeverOnAnyAddress(string listening) =>
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), SelfRegistration.AdvertisedUri([listening], address: null));

    [Fact]
    public void AConfiguredAddressReplacesTheListenersHost() =>
        Assert.Equal(new Uri("http://10.1.2.3:5000/"), SelfRegistration.AdvertisedUri(["http://0.0.0.0:5000"], "10.1.2.3"));

    [Fact]
    public void HttpIsPreferredOverHttps() =>
        Assert.Equal(new Uri("http://127.0.0.1:5001/"), SelfRegistration.AdvertisedUri(["https://127.0.0.1:5000", "http://127.0.0.1:5001"], address: null));

    [Fact]
    public void AnIPv6ListenerKeepsItsAddress()
    {
        var advertised = SelfRegistration.AdvertisedUri(["http://[::1]:5000"], address: null)!;
        var registration = SelfRegistration.Describe("operations", "operations-a", "1.0.0", advertised, "/health", new ConsulRegistrationOptions());

        Assert.Equal("::1", registration.Address);
        Assert.Equal("http://[::1]:5000/health", registration.Check!.Http);
    }

    [Fact]
    public void WithACheckAddressTheServiceIsRegisteredOnLoopbackAndCheckedThere()
    {
        var options = new ConsulRegistrationOptions { CheckAddress = "172.17.0.1" };
        var advertised = SelfRegistration.AdvertisedUri(["http://172.17.0.1:5000", "http://127.0.0.1:5000"], address: null, options.CheckAddress)!;
        var registration = SelfRegistration.Describe("operations", "operations-a", "1.0.0", advertised, "/health", options);

        Assert.Equal("127.0.0.1", registration.Address);
        Assert.Equal(5000, registration.Port);
        Assert.Equal("http://172.17.0.1:5000/health", registration.Check!.Http);
    }

    [Theory]
    [InlineData("http://localhost:5000", "172.17.0.1", "http://localhost:5000;http://172.17.0.1:5000")]
    [InlineData("http://127.0.0.1:5000;https://127.0.0.1:5001", "fd00::1", "http://127.0.0.1:5000;http://[fd00::1]:5000;https://127.0.0.1:5001;https://[fd00::1]:5001")]
    [InlineData("http://172.17.0.1:5000", "172.17.0.1", "http://172.17.0.1:5000")]
    [InlineData("http://localhost:0", "172.17.0.1", "http://localhost:0")]
    public void TheServiceAlsoListensOnTheCheckAddressOnEachOfItsPorts(string urls, string checkAddress, string expected) =>
        Assert.Equal(expected, SelfRegistration.WithCheckListeners(urls, checkAddress));

    [Theory]
    [InlineData(HealthStatus.Healthy, "passing")]
    [InlineData(HealthStatus.Degraded, "passing")]
    [InlineData(HealthStatus.Unhealthy, "critical")]
    public void TheCheckStartsWithWhatTheHealthEndpointWouldAnswer(HealthStatus health, string status) =>
        Assert.Equal(status, SelfRegistration.InitialCheckStatus(health));

    [Fact]
    public void NothingListeningMeansNothingToAdvertise() =>
        Assert.Null(SelfRegistration.AdvertisedUri([], address: null));

    [Fact]
    public void RegistrationCarriesNameIdAddressPortTagsMetaAndAHealthCheck()
    {
        var options = new ConsulRegistrationOptions
        {
            Tags = ["urlprefix-/api/operations", " ", "urlprefix-/api/operations"],
            CheckInterval = TimeSpan.FromSeconds(2),
            CheckTimeout = TimeSpan.FromMilliseconds(1500),
            DeregisterCriticalServiceAfter = TimeSpan.FromMinutes(1),
        };

        var registration = SelfRegistration.Describe(
            "operations", "operations-a1", "1.0.0", new Uri("http://127.0.0.1:41234/"), "/health", options);

        Assert.Equal("operations", registration.Name);
        Assert.Equal("operations-a1", registration.Id);
        Assert.Equal("127.0.0.1", registration.Address);
        Assert.Equal(41234, registration.Port);
        Assert.Equal(["urlprefix-/api/operations"], registration.Tags);
        Assert.Equal(new Dictionary<string, string> { ["version"] = "1.0.0", ["instance"] = "operations-a1" }, registration.Meta);
        Assert.Equal("http://127.0.0.1:41234/health", registration.Check!.Http);
        Assert.Equal("2s", registration.Check.Interval);
        Assert.Equal("1.5s", registration.Check.Timeout);
        Assert.Equal("1m0s", registration.Check.DeregisterCriticalServiceAfter);
    }
}
