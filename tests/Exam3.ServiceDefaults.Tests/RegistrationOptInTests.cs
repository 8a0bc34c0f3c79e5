namespace Exam3.ServiceDefaults.Tests;

/// <summary>
/// Registering in the registry is a call a service makes, not a side effect of the service defaults: the registry and
/// helper processes built on AddServiceDefaults() never register anywhere, so they need no switch against it.
/// </summary>
public sealed class RegistrationOptInTests
{
    [Fact]
    public void TheServiceDefaultsAloneDoNotRegister()
    {
        var builder = NewBuilder();
        builder.AddServiceDefaults();

        Assert.DoesNotContain(HostedServices(builder), service => service is ConsulRegistrationService);
    }

    [Fact]
    public void AddConsulRegistrationRegisters()
    {
        var builder = NewBuilder();
        builder.AddServiceDefaults();
        builder.AddConsulRegistration();

        Assert.Single(HostedServices(builder), service => service is ConsulRegistrationService);
    }

    [Fact]
    public void ExpectRouteTagRegistersOnceBesideAddConsulRegistration()
    {
        var builder = NewBuilder();
        builder.AddServiceDefaults();
        builder.AddConsulRegistration();
        builder.ExpectRouteTag();

        Assert.Single(HostedServices(builder), service => service is ConsulRegistrationService);
    }

    private static HostApplicationBuilder NewBuilder() =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });

    private static List<IHostedService> HostedServices(HostApplicationBuilder builder)
    {
        using var host = builder.Build();
        return [.. host.Services.GetServices<IHostedService>()];
    }
}
