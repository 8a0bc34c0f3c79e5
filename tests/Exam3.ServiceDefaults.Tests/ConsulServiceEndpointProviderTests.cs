using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace Exam3.ServiceDefaults.Tests;

public sealed class ConsulServiceEndpointProviderTests
{
    [Fact]
    public async Task ResolvesToThePassingInstancesAndRefreshesOnTheirChange()
    {
        await using var scripted = new ScriptedProvider();
        await scripted.AnswerFirstAsync(Instances(("127.0.0.1", 5001), ("127.0.0.1", 5002)));

        var first = await scripted.ResolveAsync();

        Assert.Equal(["http://127.0.0.1:5001/", "http://127.0.0.1:5002/"], first.Addresses);
        Assert.False(first.ChangeToken.HasChanged);

        scripted.Registry.Answer(Instances(("127.0.0.1", 5002)), 11);
        await Eventually.UntilAsync("the change token to fire", Deadline, () => first.ChangeToken.HasChanged);
        var second = await scripted.ResolveAsync();

        Assert.Equal(["http://127.0.0.1:5002/"], second.Addresses);
    }

    [Fact]
    public async Task AnEarlierProvidersEndpointsWin()
    {
        await using var scripted = new ScriptedProvider();
        scripted.Registry.Answer(Instances(("127.0.0.1", 5001)), 10);
        var builder = new EndpointBuilder();
        builder.Endpoints.Add(ServiceEndpoint.Create(new DnsEndPoint("configured", 80)));

        await scripted.Provider.PopulateAsync(builder, Cancellation);

        Assert.Equal(["configured:80"], builder.Addresses);
    }

    [Fact]
    public async Task ARegistryThatNeverAnsweredGivesNoEndpointsAndNoError()
    {
        await using var scripted = new ScriptedProvider();
        var builder = new EndpointBuilder();

        await scripted.Provider.PopulateAsync(builder, Cancellation);

        Assert.Empty(builder.Endpoints);
        scripted.Registry.Answer(Instances(("127.0.0.1", 5001)), 3);
        await Eventually.UntilAsync("the first answer to fire the change token", Deadline, () => builder.ChangeToken.HasChanged);
    }

    [Fact]
    public async Task KeepsServingTheLastKnownInstancesWhileTheRegistryIsDown()
    {
        await using var scripted = new ScriptedProvider();
        await scripted.AnswerFirstAsync(Instances(("127.0.0.1", 5001)));

        scripted.Registry.Fail();
        await Eventually.UntilAsync("the watch to notice the outage", Deadline, () => scripted.Watch.IsStale);
        var builder = await scripted.ResolveAsync();

        Assert.Equal(["http://127.0.0.1:5001/"], builder.Addresses);
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

    /// <summary>The provider for "operations" over a watch whose every query the test answers through <see cref="Registry"/>.</summary>
    private sealed class ScriptedProvider : IAsyncDisposable
    {
        public ScriptedProvider()
        {
            Watch = Registry.StartWatch("operations");
            Provider = new ConsulServiceEndpointProvider("operations", Watch, NullLogger.Instance);
        }

        public ScriptedRegistry<HealthyInstances> Registry { get; } = new();

        public BlockingQueryWatch<HealthyInstances> Watch { get; }

        public ConsulServiceEndpointProvider Provider { get; }

        /// <summary>Gives the watch its first answer, <paramref name="instances"/>, and waits until it has taken it.</summary>
        public async Task AnswerFirstAsync(HealthyInstances instances)
        {
            Registry.Answer(instances, 10);
            await Watch.FirstValueAsync(Cancellation);
        }

        /// <summary>What the provider gives a resolver that asks it first.</summary>
        public async Task<EndpointBuilder> ResolveAsync()
        {
            var builder = new EndpointBuilder();
            await Provider.PopulateAsync(builder, Cancellation);
            return builder;
        }

        public ValueTask DisposeAsync() => Watch.DisposeAsync();
    }

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
