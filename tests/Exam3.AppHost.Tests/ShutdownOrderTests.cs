using Exam3.Hosting;
using Exam3.Hosting.Orchestration;
using Exam3.Hosting.Testing;

namespace Exam3.AppHost.Tests;

public sealed class ShutdownOrderTests
{
    [Fact]
    public void GatewayStopsFirstThenReplicasThenRegistry()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var consul = builder.AddConsulRegistry<Projects.Exam3_Operations>("consul");
        var operations = builder.AddProject<Projects.Exam3_Operations>("operations").WithReference(consul).WaitFor(consul).WithReplicas(3);
        builder.AddProject<Projects.Exam3_Operations>("gateway").WithReference(consul).WithReference(operations).WaitFor(operations);

        var order = ShutdownOrder.Of(builder.Resources);

        Assert.Equal([["gateway"], ["operations"], ["consul"]], order.Select(group => group.Select(resource => resource.Name)));
    }

    [Fact]
    public void CyclicWaitsAreRejectedWhenBuilding()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var first = builder.AddProject<Projects.Exam3_Operations>("first");
        var second = builder.AddProject<Projects.Exam3_Operations>("second").WaitFor(first);
        first.WaitFor(second);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }
}
