using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Exam3.ServiceDefaults.Tests;

/// <summary>GET /v1/health/service/:name without ?passing, read through ConsulClient from a real Exam3.Discovery process.</summary>
public sealed class ServiceHealthTests
{
    [Fact]
    public async Task ServiceHealthListsEveryInstanceWithItsChecksStatusAndOutput()
    {
        await using var registry = await RegistryProcess.StartAsync();
        using var client = new ConsulClient(Options.Create(new ConsulOptions { Address = registry.Address }));
        var cancellationToken = Cancellation;
        await client.RegisterServiceAsync(Registration("web-up", new Uri(registry.Address, "v1/status/leader").ToString()), cancellationToken);
        await client.RegisterServiceAsync(Registration("web-down", $"http://127.0.0.1:{FreePort.Next()}/health"), cancellationToken);

        ServiceHealth? health = null;
        await Eventually.UntilAsync("both checks' first probes", Deadline, async () =>
        {
            health = (await client.GetServiceHealthAsync("web", 0, cancellationToken)).Value;
            // New HTTP checks start critical with no output, until their first probe.
            var checks = health.Instances.SelectMany(instance => instance.Checks).ToList();
            return checks.Any(check => check.CheckId == "service:web-up" && check.Status == "passing")
                && checks.Any(check => check.CheckId == "service:web-down" && check.Output.Length > 0);
        });

        Assert.NotNull(health);
        Assert.Equal(["web-down", "web-up"], health.Instances.Select(instance => instance.Instance.Id));
        var up = health.Instances.Single(instance => instance.Instance.Id == "web-up");
        Assert.Equal(["blue"], up.Instance.Tags);
        Assert.Equal("web-up", up.Instance.Meta["replica"]);
        var upCheck = Assert.Single(up.Checks, check => check.CheckId == "service:web-up");
        Assert.Equal("passing", upCheck.Status);
        Assert.Contains("200", upCheck.Output, StringComparison.Ordinal);
        var downCheck = Assert.Single(health.Instances.Single(instance => instance.Instance.Id == "web-down").Checks, check => check.CheckId == "service:web-down");
        Assert.Equal("critical", downCheck.Status);
        Assert.Contains("127.0.0.1", downCheck.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceHealthWatchFiresWhenAnInstanceRegisters()
    {
        await using var registry = await RegistryProcess.StartAsync();
        using var client = new ConsulClient(Options.Create(new ConsulOptions { Address = registry.Address }));
        await using var watches = new ConsulWatches(client, NullLoggerFactory.Instance);
        var cancellationToken = Cancellation;
        var watch = watches.ServiceHealth("web");
        Assert.Empty((await watch.FirstValueAsync(cancellationToken)).Instances);
        var changed = watch.GetChangeToken();

        await client.RegisterServiceAsync(Registration("web-new", new Uri(registry.Address, "v1/status/leader").ToString()), cancellationToken);

        await Eventually.UntilAsync("the watch to fire", Deadline, () => changed.HasChanged);
        Assert.Equal("web-new", Assert.Single(watch.Current!.Instances).Instance.Id);
    }

    private static ServiceRegistration Registration(string id, string checkUrl) => new()
    {
        Name = "web",
        Id = id,
        Address = "127.0.0.1",
        Port = 5000,
        Tags = ["blue"],
        Meta = new Dictionary<string, string> { ["replica"] = id },
        Check = new ServiceCheck { Http = checkUrl, Interval = "1s", Timeout = "1s" },
    };
}
