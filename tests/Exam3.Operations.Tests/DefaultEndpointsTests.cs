namespace Exam3.Operations.Tests;

public sealed class DefaultEndpointsTests(OperationsFactory factory) : IClassFixture<OperationsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task HealthEndpointAnswersHealthy(string path)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HealthProbesDoNotCountAsRequestsServed()
    {
        var first = await _client.GetStringAsync("/info", TestContext.Current.CancellationToken);
        await _client.GetAsync("/health", TestContext.Current.CancellationToken);
        await _client.GetAsync("/alive", TestContext.Current.CancellationToken);
        var second = await _client.GetStringAsync("/info", TestContext.Current.CancellationToken);

        Assert.Equal(RequestsServed(first) + 1, RequestsServed(second));
    }

    private static long RequestsServed(string infoJson) =>
        System.Text.Json.JsonDocument.Parse(infoJson).RootElement.GetProperty("requestsServed").GetInt64();
}
