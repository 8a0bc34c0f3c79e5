namespace Exam3.Operations.Tests;

public sealed class InstanceApiTests(OperationsFactory factory) : IClassFixture<OperationsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GreetingNamesTheInstance()
    {
        var greeting = await _client.GetFromJsonAsync<string>("/", Cancellation);

        Assert.Equal($"Hello from {OperationsFactory.InstanceName}, an instance of operations.", greeting);
    }

    [Fact]
    public async Task InfoReportsInstanceVersionUptimeAndRequestsServed()
    {
        var before = await _client.GetFromJsonAsync<InstanceInfo>("/info", Cancellation);
        await _client.GetAsync("/add?a=1&b=1", Cancellation);
        var after = await _client.GetFromJsonAsync<InstanceInfo>("/info", Cancellation);

        Assert.Equal("operations", after!.Service);
        Assert.Equal(OperationsFactory.InstanceName, after.Instance);
        Assert.Equal("1.0.0", after.Version);
        Assert.True(after.UptimeSeconds > 0);
        Assert.True(after.UptimeSeconds >= before!.UptimeSeconds);
        // The /add and the second /info both count.
        Assert.Equal(before.RequestsServed + 2, after.RequestsServed);
    }
}
