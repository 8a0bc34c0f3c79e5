using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace Exam3.ServiceDefaults.Tests;

public sealed class ConsulServiceEndpointProviderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ResolvesToThePassingInstancesAndRefreshesOnTheirChange()
    {
        var registry = new ScriptedRegistry<HealthyInstances>();
        await using var watch = Watch(registry);
        var provider = new ConsulServiceEndpointProvider("operations", watch, NullLogger.Instance);
        registry.Answer(Instances(("127.0.0.1", 5001), ("127.0.0.1", 5002)), 10);
        await watch.FirstValueAsync(Cancellation);

        var first = new EndpointBuilder();
        await provider.PopulateAsync(first, Cancellation);

        Assert.Equal(["http://127.0.0.1:5001/", "http://127.0.0.1:5002/"], first.Addresses);
        Assert.False(first.ChangeToken.HasChanged);

        registry.Answer(Instances(("127.0.0.1", 5002)), 11);
        await Eventually.UntilAsync("the change token to fire", Deadline, () => first.ChangeToken.HasChanged);
        var second = new EndpointBuilder();
        await provider.PopulateAsync(second, Cancellation);

        Assert.Equal(["http://127.0.0.1:5002/"], second.Addresses);
    }

    [Fact]
    public async Task AnEarlierProvidersEndpointsWin()
    {
        var registry = new ScriptedRegistry<HealthyInstances>();
        await using var watch = Watch(registry);
        var provider = new ConsulServiceEndpointProvider("operations", watch, NullLogger.Instance);
        registry.Answer(Instances(("127.0.0.1", 5001)), 10);
        var builder = new EndpointBuilder();
        builder.Endpoints.Add(ServiceEndpoint.Create(new DnsEndPoint("configured", 80)));

        await provider.PopulateAsync(builder, Cancellation);

        Assert.Equal(["configured:80"], builder.Addresses);
    }

    [Fact]
    public async Task KeepsServingTheLastKnownInstancesWhileTheRegistryIsDown()
    {
        var registry = new ScriptedRegistry<HealthyInstances>();
        await using var watch = Watch(registry);
        var provider = new ConsulServiceEndpointProvider("operations", watch, NullLogger.Instance);
        registry.Answer(Instances(("127.0.0.1", 5001)), 10);
        await watch.FirstValueAsync(Cancellation);

        registry.Fail();
        await Eventually.UntilAsync("the watch to notice the outage", Deadline, () => watch.IsStale);
        var builder = new EndpointBuilder();
        await provider.PopulateAsync(builder, Cancellation);

        Assert.Equal(["http://127.0.0.1:5001/"], builder.Addresses);
    }

    [Fact]
    public async Task ARegistryThatNeverAnsweredGivesNoEndpointsAndNoError()
    {
        var registry = new ScriptedRegistry<HealthyInstances>();
        await using var watch = Watch(registry);
        var provider = new ConsulServiceEndpointProvider("operations", watch, NullLogger.Instance);
        var builder = new EndpointBuilder();

        await provider.PopulateAsync(builder, Cancellation);

        Assert.Empty(builder.Endpoints);
        registry.Answer(Instances(("127.0.0.1", 5001)), 3);
        await Eventually.UntilAsync("the first answer to fire the change token", Deadline, () => builder.ChangeToken.HasChanged);
    }

    [Fact]
    public async Task ConfiguredEndpointsResolveWhileTheRegistryIsUnreachable()
    {
        // Aspire's variable for a referenced project; the registry's address is a port nobody listens on.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:operations:http:0"] = "http://127.0.0.1:6001",
            ["ConnectionStrings:consul"] = $"http://127.0.0.1:{FreePort.Next()}",
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddServiceDiscovery()
            .AddConsulServiceEndpointProvider()
            .BuildServiceProvider();

        var resolved = await services.GetRequiredService<ServiceEndpointResolver>()
            .GetEndpointsAsync("http://operations", Cancellation);

        Assert.Equal(["http://127.0.0.1:6001/"], resolved.Endpoints.Select(endpoint => endpoint.ToString()));
    }

    [Theory]
    [InlineData("http://operations", true)]
    [InlineData("https+http://operations", true)]
    [InlineData("http://gateway-2", true)]
    [InlineData("http://localhost", false)]
    [InlineData("http://127.0.0.1", false)]
    [InlineData("http://example.com", false)]
    [InlineData("http://_grpc.operations", false)]
    [InlineData("https://operations", false)]
    public void OnlyPlainServiceNamesAreLookedUpInTheRegistry(string input, bool expected)
    {
        Assert.True(ServiceEndpointQuery.TryParse(input, out var query));

        Assert.Equal(expected, ConsulServiceEndpointProviderFactory.IsForRegistry(query));
    }

    private static BlockingQueryWatch<HealthyInstances> Watch(ScriptedRegistry<HealthyInstances> registry) =>
        new BlockingQueryWatch<HealthyInstances>("operations", registry.QueryAsync, NullLogger.Instance).Start();

    private static HealthyInstances Instances(params (string Address, int Port)[] instances) => new(
        "operations",
        [.. instances.Select(instance => new RegisteredInstance(
            $"operations-{instance.Port}", "operations", "node", instance.Address, instance.Port, [], new Dictionary<string, string>()))]);

    /// <summary>What a resolver hands each provider: the endpoints so far and the change tokens added.</summary>
    private sealed class EndpointBuilder : IServiceEndpointBuilder
    {
        private readonly List<IChangeToken> _tokens = [];

        public IList<ServiceEndpoint> Endpoints { get; } = [];

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public CompositeChangeToken ChangeToken => new(_tokens);

        public IEnumerable<string> Addresses => Endpoints.Select(endpoint => endpoint.ToString()!);

        public void AddChangeToken(IChangeToken changeToken) => _tokens.Add(changeToken);
    }
}
