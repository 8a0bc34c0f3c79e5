using Microsoft.Extensions.Options;

namespace Exam3.ServiceDefaults.Tests;

public sealed class ConsulRegistrationOptionsTests
{
    [Fact]
    public void DefaultsSuitALiveDemo()
    {
        var options = Resolve([]);

        Assert.True(options.Enabled);
        Assert.Empty(options.Tags);
        Assert.Equal(TimeSpan.FromSeconds(2), options.CheckInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), options.DeregisterCriticalServiceAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), options.DrainDelay);
    }

    [Fact]
    public void SettingsComeFromTheConsulRegistrationSection()
    {
        var options = Resolve(new()
        {
            ["Consul:Registration:Enabled"] = "false",
            ["Consul:Registration:Tags:0"] = "urlprefix-/api/operations",
            ["Consul:Registration:CheckInterval"] = "00:00:05",
            ["Consul:Registration:DrainDelay"] = "00:00:00.500",
        });

        Assert.False(options.Enabled);
        Assert.Equal(["urlprefix-/api/operations"], options.Tags);
        Assert.Equal(TimeSpan.FromSeconds(5), options.CheckInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.DrainDelay);
    }

    [Theory]
    [InlineData("CheckInterval", "00:00:00.500")]
    [InlineData("DeregisterCriticalServiceAfter", "00:00:30")]
    [InlineData("DrainDelay", "-00:00:01")]
    [InlineData("Address", "0.0.0.0")]
    [InlineData("Address", "::")]
    public void AnInvalidSettingFailsNamingIt(string setting, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [$"Consul:Registration:{setting}"] = value }));

        Assert.Contains($"Consul:Registration:{setting}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShutdownWaitsLongEnoughForTheDrain()
    {
        using var services = Services(new() { ["Consul:Registration:DrainDelay"] = "00:00:50" });

        Assert.True(services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout > TimeSpan.FromSeconds(50));
    }

    private static ConsulRegistrationOptions Resolve(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<ConsulRegistrationOptions>>().Value;
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddConsulRegistration();
        return builder.Services.BuildServiceProvider();
    }
}
