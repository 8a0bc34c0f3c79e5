using Microsoft.Extensions.DependencyInjection;

namespace Exam3.AppHost.Tests;

/// <summary>How AddConsul wires the registry into the application model, in each of its modes.</summary>
public sealed class ConsulIntegrationTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void EmbeddedModeRunsTheRegistryAsAProjectOnTheGivenPort()
    {
        var (builder, consul) = AddConsul(("Consul:Mode", "embedded"));

        var registry = Assert.IsType<EmbeddedConsulResource>(consul.Resource);
        Assert.Equal(ConsulMode.Embedded, registry.Mode);
        Assert.Equal(StandInRegistry.Path, Assert.Single(registry.Annotations.OfType<IProjectMetadata>()).ProjectPath);
        var http = Assert.Single(registry.Annotations.OfType<EndpointAnnotation>(), endpoint => endpoint.Name == "http");
        Assert.Equal(("http", 8500), (http.UriScheme, http.Port));
        Assert.Same(registry, Assert.Single(builder.Resources.OfType<IConsulResource>()));
    }

    [Fact]
    public async Task TheEmbeddedRegistryIsGivenNoRegistrationSetting()
    {
        var (builder, consul) = AddConsul(("Consul:Mode", "embedded"));
        Allocate(consul.Resource, ("http", 8500));
        using var app = builder.Build();

        var environment = await ResolvedConfiguration.EnvironmentAsync(consul.Resource, builder.ExecutionContext);

        // Registration is a call a service makes; the registry never makes it.
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Consul__Registration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BinaryModeRunsConsulAgentDevOnItsOwnPorts()
    {
        var (builder, consul) = AddConsul(("Consul:Mode", "binary"), ("CONSUL_BINARY", "/bin/true"), ("Consul:Token", "t0ken"));
        var agent = Assert.IsType<ConsulAgentResource>(consul.Resource);
        Allocate(agent, ("http", 18500), ("serf-lan", 18301), ("server", 18300));
        using var app = builder.Build();

        var arguments = await ResolvedConfiguration.ArgumentsAsync(agent, builder.ExecutionContext);

        Assert.Equal("/bin/true", agent.Command);
        Assert.Equal(
            ["agent", "-dev", "-node=consul", "-bind=127.0.0.1", "-client=127.0.0.1", "-http-port=18500", "-serf-lan-port=18301",
             "-server-port=18300", "-dns-port=-1", "-grpc-port=-1", "-grpc-tls-port=-1", "-serf-wan-port=-1",
             "-hcl=acl { enabled = true default_policy = \"deny\" tokens { initial_management = \"t0ken\" agent = \"t0ken\" } }"],
            arguments);
    }

    [Fact]
    public void BinaryModeWithoutTheNamedBinaryFailsSayingSo()
    {
        var error = Assert.Throws<DistributedApplicationException>(() => AddConsul(("Consul:Mode", "binary"), ("CONSUL_BINARY", "/nowhere/consul")));

        Assert.Equal("Consul:Mode=binary, but no consul binary was found (CONSUL_BINARY names /nowhere/consul, which does not exist).", error.Message);
    }

    [Fact]
    public void ContainerModeRunsTheOfficialImageWithItsHttpPortPublished()
    {
        var (_, consul) = AddConsul(("Consul:Mode", "container"));

        var container = Assert.IsType<ConsulResource>(consul.Resource);
        var image = Assert.Single(container.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("hashicorp/consul", "1.21"), (image.Image, image.Tag));
        var http = Assert.Single(container.Annotations.OfType<EndpointAnnotation>(), endpoint => endpoint.Name == "http");
        Assert.Equal((8500, 8500), (http.Port, http.TargetPort));
    }

    [Fact]
    public void ContainerModeTakesTheImageFromConfiguration()
    {
        var (_, consul) = AddConsul(("Consul:Mode", "container"), ("Consul:Image", "exam3/discovery:local"));

        var image = Assert.Single(consul.Resource.Annotations.OfType<ContainerImageAnnotation>());

        Assert.Equal(("exam3/discovery", "local"), (image.Image, image.Tag));
    }

    [Fact]
    public async Task InContainerModeEveryReferenceIsCheckedAtTheHostsBridgeAddress()
    {
        var (builder, consul) = AddConsul(("Consul:Mode", "container"), ("Consul:CheckAddress", "172.17.0.1"));
        var client = builder.AddExecutable("client", "true", ".").WithReference(consul);
        var bystander = builder.AddExecutable("bystander", "true", ".");
        Allocate(consul.Resource, ("http", 8500));
        using var app = builder.Build();
        await BeforeStartAsync(builder, app);

        var environment = await ResolvedConfiguration.EnvironmentAsync(client.Resource, builder.ExecutionContext);
        var elsewhere = await ResolvedConfiguration.EnvironmentAsync(bystander.Resource, builder.ExecutionContext);

        Assert.Equal("172.17.0.1", environment["Consul__Registration__CheckAddress"]);
        Assert.DoesNotContain("Consul__Registration__CheckAddress", elsewhere.Keys);
    }

    [Fact]
    public async Task OutsideContainerModeAReferenceIsCheckedWhereItRegisters()
    {
        var (builder, consul) = AddConsul(("Consul:Mode", "embedded"), ("Consul:CheckAddress", "172.17.0.1"));
        var client = builder.AddExecutable("client", "true", ".").WithReference(consul);
        Allocate(consul.Resource, ("http", 8500));
        using var app = builder.Build();
        await BeforeStartAsync(builder, app);

        var environment = await ResolvedConfiguration.EnvironmentAsync(client.Resource, builder.ExecutionContext);

        Assert.DoesNotContain("Consul__Registration__CheckAddress", environment.Keys);
    }

    [Fact]
    public void AnUnknownModeFailsNamingTheChoices()
    {
        var error = Assert.Throws<DistributedApplicationException>(() => AddConsul(("Consul:Mode", "cloud")));

        Assert.Equal("Consul:Mode 'cloud' is not one of auto, container, binary, embedded.", error.Message);
    }

    [Fact]
    public void AutoFallsBackToTheEmbeddedRegistryWithoutAnEngineOrABinary()
    {
        var (_, consul) = AddConsul(("ASPIRE_CONTAINER_RUNTIME", "no-such-engine"), ("CONSUL_BINARY", ""));
        var consulOnPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, "consul")));

        Assert.Equal(consulOnPath ? ConsulMode.Binary : ConsulMode.Embedded, consul.Resource.Mode);
    }

    [Fact]
    public async Task AReferenceReceivesTheRegistrysUrlAsItsConnectionString()
    {
        var (builder, consul) = AddConsul(("Consul:Mode", "embedded"));
        var client = builder.AddExecutable("client", "true", ".").WithReference(consul);
        Allocate(consul.Resource, ("http", 8500));
        using var app = builder.Build();

        var environment = await ResolvedConfiguration.EnvironmentAsync(client.Resource, builder.ExecutionContext);

        Assert.Equal("http://localhost:8500", environment["ConnectionStrings__consul"]);
    }

    [Fact]
    public async Task EachRunMakesAManagementTokenThatTheRegistryRequiresAndEveryReferenceReceives()
    {
        var (builder, consul) = AddConsul(("Consul:Mode", "embedded"));
        var client = builder.AddExecutable("client", "true", ".").WithReference(consul);
        var bystander = builder.AddExecutable("bystander", "true", ".");
        Allocate(consul.Resource, ("http", 8500));
        using var app = builder.Build();
        await BeforeStartAsync(builder, app);

        var token = consul.Resource.ManagementToken;

        Assert.True(Guid.TryParse(token, out _), $"'{token}' is not a token made for the run");
        Assert.NotEqual(token, AddConsul(("Consul:Mode", "embedded")).Consul.Resource.ManagementToken);
        Assert.Equal(token, (await ResolvedConfiguration.EnvironmentAsync(consul.Resource, builder.ExecutionContext))["Discovery__ManagementToken"]);
        Assert.Equal(token, (await ResolvedConfiguration.EnvironmentAsync(client.Resource, builder.ExecutionContext))["CONSUL_HTTP_TOKEN"]);
        Assert.DoesNotContain("CONSUL_HTTP_TOKEN", (await ResolvedConfiguration.EnvironmentAsync(bystander.Resource, builder.ExecutionContext)).Keys);
    }

    [Fact]
    public void ConfigurationCanSetTheToken()
    {
        var (_, consul) = AddConsul(("Consul:Mode", "embedded"), ("Consul:Token", "chosen-token"));

        Assert.Equal("chosen-token", consul.Resource.ManagementToken);
    }

    [Fact]
    public void TheRegistryIsHealthyWhenConsulsStatusLeaderAnswers()
    {
        var (_, consul) = AddConsul(("Consul:Mode", "embedded"));

        var check = Assert.Single(consul.Resource.Annotations.OfType<HealthCheckAnnotation>());

        Assert.Contains(ConsulBuilderExtensions.ReadinessPath, check.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRegistryLinksToItsWebUi()
    {
        var (_, consul) = AddConsul(("Consul:Mode", "embedded"));
        var http = consul.Resource.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == "http");
        var context = new ResourceUrlsCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), consul.Resource,
            [new ResourceUrlAnnotation { Url = "http://localhost:8500", Endpoint = new EndpointReference(consul.Resource, http) }]);

        foreach (var callback in consul.Resource.Annotations.OfType<ResourceUrlsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        Assert.Contains(context.Urls, url => url.DisplayText == "Web UI" && url.Url == $"http://localhost:8500/ui/?token={consul.Resource.ManagementToken}");
    }

    [Fact]
    public void MaintenanceCommandsAreOfferedOnEveryReplica()
    {
        var (builder, consul) = AddConsul(("Consul:Mode", "embedded"));
        var service = builder.AddExecutable("operations", "true", ".").WithHttpEndpoint().WithMaintenanceCommands(consul);

        var commands = service.Resource.Annotations.OfType<ResourceCommandAnnotation>().Select(command => (command.Name, command.DisplayName));

        Assert.Contains((ConsulMaintenanceCommands.On, "Maintenance on"), commands);
        Assert.Contains((ConsulMaintenanceCommands.Off, "Maintenance off"), commands);
    }

    private static (IDistributedApplicationBuilder Builder, IResourceBuilder<IConsulResource> Consul) AddConsul(params (string Key, string Value)[] settings)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true, Args = [] });
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        return (builder, builder.AddConsul<StandInRegistry>("consul"));
    }

    // Aspire's own handlers of the event name DCP's instances, and want DCP's paths for it; no DCP starts here.
    private static async Task BeforeStartAsync(IDistributedApplicationBuilder builder, DistributedApplication app)
    {
        builder.Configuration["DcpPublisher:CliPath"] = "/bin/true";
        builder.Configuration["DcpPublisher:DashboardPath"] = "/bin/true";
        await builder.Eventing.PublishAsync(new BeforeStartEvent(app.Services, app.Services.GetRequiredService<DistributedApplicationModel>()), Cancellation);
    }

    private static void Allocate(IResourceWithEndpoints resource, params (string Name, int Port)[] ports)
    {
        foreach (var (name, port) in ports)
        {
            var endpoint = resource.Annotations.OfType<EndpointAnnotation>().Single(endpoint => endpoint.Name == name);
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port);
            endpoint.TargetPort = port;
        }
    }

    /// <summary>Stands in for the generated Projects.Exam3_Discovery: the integration only needs a project's path.</summary>
    private sealed class StandInRegistry : IProjectMetadata
    {
        public const string Path = "/repository/Services/Discovery/Exam3.Discovery.csproj";

        public string ProjectPath => Path;
    }
}
