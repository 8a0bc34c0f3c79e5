using Microsoft.AspNetCore.Mvc;

namespace Exam3.Operations.Tests;

public sealed class CalculatorApiTests(OperationsFactory factory) : IClassFixture<OperationsFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("add", "2", "3", "5")]
    [InlineData("subtract", "2", "3", "-1")]
    [InlineData("multiply", "2.5", "4", "10")]
    [InlineData("divide", "1", "4", "0.25")]
    [InlineData("divide", "10", "3", "3.3333333333333333333333333333")]
    [InlineData("modulo", "10", "3", "1")]
    [InlineData("power", "2", "10", "1024")]
    [InlineData("power", "2", "-2", "0.25")]
    [InlineData("power", "-2", "95", "-39614081257132168796771975168")]
    [InlineData("power", "0.7", "60", "0.0000000005080218607396233653")]
    [InlineData("power", "0.5", "200", "0")]
    [InlineData("power", "3", "-3", "0.0370370370370370370370370370")]
    [InlineData("add", "0.1", "0.2", "0.3")]
    [InlineData("add", "-1.5e2", "50", "-100")]
    public async Task OperationAnswersItsDecimalResultAndTheInstance(string operation, string a, string b, string expected)
    {
        var response = await _client.GetFromJsonAsync<OperationResponse>($"/{operation}?a={Uri.EscapeDataString(a)}&b={Uri.EscapeDataString(b)}", Cancellation);

        Assert.NotNull(response);
        Assert.Equal(operation, response.Operation);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), response.Result);
        Assert.Equal(OperationsFactory.InstanceName, response.Instance);
    }

    [Fact]
    public async Task ResponseCarriesTheOperandsAsParsed()
    {
        using var document = await _client.GetFromJsonAsync<System.Text.Json.JsonDocument>("/multiply?a=1.5&b=-2", Cancellation);

        var root = document!.RootElement;
        Assert.Equal(["operation", "a", "b", "result", "instance"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1.5m, root.GetProperty("a").GetDecimal());
        Assert.Equal(-2m, root.GetProperty("b").GetDecimal());
        Assert.Equal(-3m, root.GetProperty("result").GetDecimal());
    }

    [Theory]
    [InlineData("/add?b=1", "Missing operand", "'a'")]
    [InlineData("/add?a=1", "Missing operand", "'b'")]
    [InlineData("/add?a=one&b=1", "Invalid operand", "'one'")]
    [InlineData("/subtract?a=1&b=1,5", "Invalid operand", "'1,5'")]
    [InlineData("/multiply?a=1&b=NaN", "Invalid operand", "'NaN'")]
    [InlineData("/divide?a=1&b=0", "Division by zero", "'b'")]
    [InlineData("/modulo?a=1&b=0", "Division by zero", "'b'")]
    [InlineData("/power?a=0&b=-1", "Division by zero", "negative power")]
    [InlineData("/power?a=2&b=0.5", "Invalid exponent", "whole number")]
    [InlineData("/power?a=2&b=100000", "Invalid exponent", "whole number")]
    [InlineData("/multiply?a=79228162514264337593543950335&b=2", "Arithmetic overflow", "decimal range")]
    [InlineData("/add?a=79228162514264337593543950335&b=1", "Arithmetic overflow", "decimal range")]
    [InlineData("/power?a=10&b=40", "Arithmetic overflow", "decimal range")]
    [InlineData("/power?a=0.5&b=-200", "Arithmetic overflow", "decimal range")]
    [InlineData("/power?a=0.1&b=-29", "Arithmetic overflow", "decimal range")]
    [InlineData("/power?a=1e-15&b=-2", "Arithmetic overflow", "decimal range")]
    [InlineData("/add?a=1e400&b=1", "Invalid operand", "'1e400'")]
    [InlineData("/sqrt?a=4&b=0", "Unknown operation", "'sqrt'")]
    public async Task BadInputAnswers400ProblemDetailsNamingTheProblem(string url, string title, string detailMentions)
    {
        var response = await _client.GetAsync(url, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Cancellation);
        Assert.Equal(title, problem!.Title);
        Assert.Equal(400, problem.Status);
        Assert.Contains(detailMentions, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocumentListsEveryOperation()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json", Cancellation);

        foreach (var operation in Arithmetic.Calculator.Operations)
        {
            Assert.Contains($"\"/{operation}\"", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BehindTheGatewayTheOpenApiDocumentPointsThroughIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Add("X-Forwarded-Host", "127.0.0.1:8080");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-Prefix", "/api/operations");

        using var response = await _client.SendAsync(request, Cancellation);
        using var document = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonDocument>(Cancellation);

        Assert.Equal("http://127.0.0.1:8080/api/operations", document!.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task ApiReferenceIsBrowsable()
    {
        var response = await _client.GetAsync("/scalar/v1", Cancellation);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
