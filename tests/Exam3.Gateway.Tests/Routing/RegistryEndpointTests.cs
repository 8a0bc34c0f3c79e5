using Microsoft.Extensions.Options;

namespace Exam3.Gateway.Tests.Routing;

public sealed class RegistryEndpointTests
{
    private static readonly RegistryEndpoint Endpoint = new(Options.Create(new ConsulOptions { Address = new Uri("http://localhost:8500") }));

    [Theory]
    [InlineData("127.0.0.1", 8500)]
    [InlineData("localhost", 8500)]
    [InlineData("::1", 8500)]
    [InlineData("[::1]", 8500)]
    [InlineData("0.0.0.0", 8500)]
    public void AnInstanceAtTheRegistrysAddressIsTheRegistry(string address, int port) =>
        Assert.True(Endpoint.IsRegistry(Instance(address, port)), $"{address}:{port} is where the registry listens");

    [Theory]
    [InlineData("127.0.0.1", 8501)]
    [InlineData("127.0.0.2", 8500)]
    public void AnyOtherAddressIsNot(string address, int port) =>
        Assert.False(Endpoint.IsRegistry(Instance(address, port)), $"{address}:{port} is not the registry");

    private static RegisteredInstance Instance(string address, int port) =>
        new("leak-1", "leak", "node", address, port, ["urlprefix-/leak"], new Dictionary<string, string>());
}
