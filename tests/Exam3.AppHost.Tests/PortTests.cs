using System.Net;
using System.Net.Sockets;
using Exam3.Hosting;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.AppHost.Tests;

public sealed class PortTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BusyFixedPortFailsFastNamingThePortAndHowToChangeIt()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busy = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var builder = DistributedApplicationTestingBuilder.Create("--AppHost:RandomizePorts=false");
        builder.AddProject<Projects.Exam3_Operations>("gateway").WithHttpEndpoint(busy);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(Cancellation));

        Assert.Contains($"Port {busy}", error.Message, StringComparison.Ordinal);
        Assert.Contains("--Ports:gateway=", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.ResourceNotifications.Snapshots, replica => replica.ProcessId is not null);
    }

    [Fact]
    public async Task ConfiguredPortOverridesTheDeclaredDefault()
    {
        var chosen = FreePort.Next();
        var builder = DistributedApplicationTestingBuilder.Create("--AppHost:RandomizePorts=false", $"--Ports:gateway={chosen}");
        builder.AddProject<Projects.Exam3_Operations>("gateway").WithHttpEndpoint(1).WithHttpHealthCheck("/health");

        await using var distribution = await TestDistribution.StartAsync(builder, Timeouts.Startup, Cancellation);

        Assert.Equal(new Uri($"http://127.0.0.1:{chosen}/"), distribution.App.GetEndpoint("gateway"));
    }

    [Fact]
    public async Task RandomizedPortsReplaceFixedOnes()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddProject<Projects.Exam3_Operations>("gateway").WithHttpEndpoint(1).WithHttpHealthCheck("/health");

        await using var distribution = await TestDistribution.StartAsync(builder, Timeouts.Startup, Cancellation);

        Assert.InRange(distribution.App.GetEndpoint("gateway").Port, 10000, 32767);
    }

    [Fact]
    public async Task EndpointVariableHandsTheResourceItsFurtherPortAndListsItsUrl()
    {
        var chosen = FreePort.Next();
        var builder = DistributedApplicationTestingBuilder.Create("--AppHost:RandomizePorts=false", $"--Ports:frontend={chosen}");
        builder.AddProject<Projects.Exam3_Operations>("balancer").WithEndpointVariable("frontend", 1, "Balancer__Frontend").WithHttpHealthCheck("/health");

        await using var distribution = await TestDistribution.StartAsync(builder, Timeouts.Startup, Cancellation);

        var replica = distribution.App.ResourceNotifications.Find("balancer")[0];
        Assert.Equal($"127.0.0.1:{chosen}", replica.Environment["Balancer__Frontend"]);
        Assert.Equal(new Uri($"http://127.0.0.1:{chosen}/"), replica.Urls[1]);
        Assert.NotEqual(chosen, replica.Urls[0].Port);
    }
}
