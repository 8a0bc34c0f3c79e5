namespace Exam3.AppHost.Tests;

/// <summary>What AppHost.cs declares, read from the application model without starting anything.</summary>
public sealed class AppHostTopologyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeOperationsReplicasRegisterInTheRegistryTheyWaitFor()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Exam3_AppHost>(["Consul:Mode=embedded"], Cancellation);

        var operations = Resource<ProjectResource>(builder, "operations");
        Assert.Equal(3, Assert.Single(operations.Annotations.OfType<ReplicaAnnotation>()).Replicas);
        Assert.Contains(operations.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource.Name == "consul");
        Assert.Contains(operations.Annotations.OfType<ResourceRelationshipAnnotation>(), reference => reference.Resource.Name == "consul");
    }

    [Fact]
    public async Task TheGatewayBinds8080ItselfAndFindsOperationsThroughTheRegistryOnly()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Exam3_AppHost>(["Consul:Mode=embedded"], Cancellation);

        var gateway = Resource<ProjectResource>(builder, "gateway");
        var http = gateway.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http");
        Assert.Equal((8080, false), (http.Port, http.IsProxied));
        var references = gateway.Annotations.OfType<ResourceRelationshipAnnotation>().Where(relation => relation.Type == "Reference").Select(relation => relation.Resource.Name);
        Assert.Equal(["consul"], references);
        Assert.Contains(gateway.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource.Name == "operations");
    }

    [Fact]
    public async Task HaproxysFrontendIsATcpEndpointOn8081ThatHaproxyBindsItself()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Exam3_AppHost>(["Consul:Mode=embedded", "LoadBalancer:Haproxy=/bin/true"], Cancellation);
        var loadBalancer = Resource<ProjectResource>(builder, "lb");
        var frontend = loadBalancer.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == LabLoadBalancerExtensions.FrontendEndpointName);
        frontend.AllocatedEndpoint = new AllocatedEndpoint(frontend, "localhost", 8081, targetPortExpression: null);
        await using var app = await builder.BuildAsync(Cancellation);

        var environment = await ResolvedConfiguration.EnvironmentAsync(loadBalancer, builder.ExecutionContext);

        Assert.Equal(("tcp", 8081, false), (frontend.UriScheme, frontend.Port, frontend.IsProxied));
        Assert.Equal("127.0.0.1:8081", environment["LoadBalancer__Frontend"]);
        Assert.Equal("/bin/true", environment["LoadBalancer__Haproxy"]);
        Assert.Equal("operations", environment["LoadBalancer__Service"]);
    }

    [Fact]
    public async Task GatewayPortAndLoadBalancerPortMoveTheFrontDoors()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Exam3_AppHost>(
            ["Consul:Mode=embedded", "LoadBalancer:Haproxy=/bin/true", "Gateway:Port=18080", "LoadBalancer:Port=18081"], Cancellation);

        var gateway = Resource<ProjectResource>(builder, "gateway").Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http");
        var frontend = Resource<ProjectResource>(builder, "lb").Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == LabLoadBalancerExtensions.FrontendEndpointName);

        Assert.Equal((18080, 18081), (gateway.Port, frontend.Port));
    }

    [Fact]
    public async Task WithoutHaproxyTheLoadBalancerStillShowsAndSaysHowToInstallIt()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Exam3_AppHost>(["Consul:Mode=embedded", "LoadBalancer:Haproxy=/nowhere/haproxy"], Cancellation);

        var loadBalancer = Resource<LabLoadBalancerExtensions.HaproxyNotInstalledResource>(builder, "lb");
        var state = Assert.Single(loadBalancer.Annotations.OfType<ResourceSnapshotAnnotation>()).InitialSnapshot.State;
        Assert.Equal(LabLoadBalancerExtensions.NotInstalledState, state?.Text);
        Assert.Contains("apt-get install haproxy", state!.Text, StringComparison.Ordinal);
    }

    private static T Resource<T>(IDistributedApplicationTestingBuilder builder, string name) where T : IResource =>
        Assert.IsType<T>(Assert.Single(builder.Resources, resource => resource.Name == name));
}
