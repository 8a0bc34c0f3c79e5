using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Exam3.ServiceDefaults.Tests;

/// <summary>
/// The status a registration's check starts with, seen in a real Exam3.Discovery process before its first probe: a
/// service built with AddServiceDefaults() and AddConsulRegistration() in this process, with the health checks each
/// test gives it.
/// </summary>
public sealed class InitialCheckStatusTests
{
    [Fact]
    public async Task AnUnhealthyServiceRegistersCritical()
    {
        await using var registry = await RegistryProcess.StartAsync();

        await using var service = await StartServiceAsync(registry, "operations-sick", checks => checks.AddCheck("warming-up", () => HealthCheckResult.Unhealthy()));

        Assert.Equal("critical", await RegisteredStatusAsync(registry, "operations-sick"));
    }

    [Fact]
    public async Task AHealthCheckThatHangsDoesNotHoldUpTheRegistrationWhichStartsCritical()
    {
        await using var registry = await RegistryProcess.StartAsync();

        await using var service = await StartServiceAsync(registry, "operations-stuck", checks => checks.AddAsyncCheck("stuck", async cancellationToken =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return HealthCheckResult.Healthy();
        }));

        Assert.Equal("critical", await RegisteredStatusAsync(registry, "operations-stuck"));
    }

    /// <summary>Starts the service, registering with a check the registry runs first at some moment in the next ten minutes.</summary>
    private static async Task<InProcessService> StartServiceAsync(RegistryProcess registry, string instanceId, Action<IHealthChecksBuilder> checks)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = OperationsReplica.ServiceName,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
            ["ConnectionStrings:consul"] = registry.Address.ToString(),
            ["Consul:Registration:CheckInterval"] = "00:10:00",
            ["Consul:Registration:CheckTimeout"] = "00:00:01",
            ["Consul:Registration:DrainDelay"] = "00:00:00",
        });
        builder.AddServiceDefaults();
        builder.AddConsulRegistration();
        checks(builder.Services.AddHealthChecks());
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(Cancellation);
        return new InProcessService(app);
    }

    private static async Task<string?> RegisteredStatusAsync(RegistryProcess registry, string instanceId)
    {
        await Eventually.UntilAsync($"{instanceId} to register", Deadline, async () => await registry.AgentServiceAsync(instanceId) is not null);
        return Assert.Single(await registry.AgentChecksAsync(instanceId)).GetProperty("Status").GetString();
    }

    /// <summary>Stops the service as a host stops (so that it deregisters and its registration loop ends), then disposes of it.</summary>
    private sealed class InProcessService(WebApplication app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
