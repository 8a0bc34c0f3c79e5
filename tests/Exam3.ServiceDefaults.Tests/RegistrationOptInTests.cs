using Exam3.ServiceDefaults.Consul;

namespace Exam3.ServiceDefaults.Tests;

/// <summary>
/// Registering in the registry is a call a service makes, not a side effect of the service defaults: the registry and
/// helper processes built on AddServiceDefaults() never register anywhere, so they need no switch against it.
/// </summary>
public sealed class RegistrationOptInTests
{
    [Theory]
    [InlineData(false, false, 0)]
    [InlineData(true, false, 1)]
    [InlineData(false, true, 1)]
    [InlineData(true, true, 1)]
    public void OnlyTheCallsThatAskForItAddTheRegistrationAndNeverTwice(bool addConsulRegistration, bool expectRouteTag, int registrations)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.AddServiceDefaults();
        if (addConsulRegistration)
        {
            builder.AddConsulRegistration();
        }

        if (expectRouteTag)
        {
            builder.ExpectRouteTag();
        }

        using var host = builder.Build();
        Assert.Equal(registrations, host.Services.GetServices<IHostedService>().Count(service => service is ConsulRegistrationService));
    }
}
