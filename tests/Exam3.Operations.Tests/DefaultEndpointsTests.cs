namespace Exam3.Operations.Tests;

public sealed class DefaultEndpointsTests(OperationsFactory factory) : IClassFixture<OperationsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task HealthEndpointAnswersHealthy(string path)
    {
        var response = await _client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task HealthProbesDoNotCountAsRequestsServed()
    {
        var first = await _client.GetStringAsync("/info", Cancellation);
        await _client.GetAsync("/health", Cancellation);
        await _client.GetAsync("/alive", Cancellation);
        var second = await _client.GetStringAsync("/info", Cancellation);

        Assert.Equal(RequestsServed(first) + 1, RequestsServed(second));
    }

    private static long RequestsServed(string infoJson) =>
        System.Text.Json.JsonDocument.Parse(infoJson).RootElement.GetProperty("requestsServed").GetInt64();
}
