using System.Globalization;
using CsCheck;
using Exam3.Operations.Tests.Reference;
using Microsoft.AspNetCore.Mvc;

namespace Exam3.Operations.Tests;

/// <summary>
/// Every operation over generated operands, through HTTP, against the exact reference: 200 with the exact result
/// rounded once to the nearest decimal, or 400 problem details naming why there is none; never anything else.
/// </summary>
public sealed class CalculatorPropertyTests(OperationsFactory factory) : IClassFixture<OperationsFactory>
{
    // Enough to meet every kind of operand against every other many times, few enough for a few seconds per operation.
    private const long CasesPerOperation = 600;

    // The service's documented bound on exponents.
    private const int MaxExponent = 1000;

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> Operations => [.. Arithmetic.Calculator.Operations];

    [Theory]
    [MemberData(nameof(Operations))]
    public Task OperationAnswersTheExactResultOrNamesWhyNot(string operation) =>
        Gen.Select(Operands.Any, operation == "power" ? Operands.Exponent : Operands.Any).SampleAsync(
            async (a, b) =>
            {
                var expected = Expect(operation, a, b);
                using var response = await _client.GetAsync(
                    $"/{operation}?a={a.ToString(CultureInfo.InvariantCulture)}&b={b.ToString(CultureInfo.InvariantCulture)}",
                    Cancellation);

                if (expected.Value is { } value)
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    var answer = await response.Content.ReadFromJsonAsync<OperationResponse>(Cancellation);
                    Assert.Equal(value, answer!.Result);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Cancellation);
                    Assert.Equal(expected.Problem, problem!.Title);
                }
            },
            iter: CasesPerOperation,
            print: operands => $"/{operation}?a={operands.Item1.ToString(CultureInfo.InvariantCulture)}&b={operands.Item2.ToString(CultureInfo.InvariantCulture)}");

    private static Expected Expect(string operation, decimal a, decimal b)
    {
        if (operation is "divide" or "modulo" && b == 0)
        {
            return new(null, "Division by zero");
        }

        if (operation == "power" && (b != decimal.Truncate(b) || Math.Abs(b) > MaxExponent))
        {
            return new(null, "Invalid exponent");
        }

        if (operation == "power" && a == 0 && b < 0)
        {
            return new(null, "Division by zero");
        }

        var (left, right) = (ExactRational.Of(a), ExactRational.Of(b));
        var exact = operation switch
        {
            "add" => left + right,
            "subtract" => left - right,
            "multiply" => left * right,
            "divide" => left / right,
            "modulo" => left % right,
            "power" => left.Pow((int)b),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an operation."),
        };
        return exact.ToNearestDecimal() is { } value ? new(value, null) : new(null, "Arithmetic overflow");
    }

    private sealed record Expected(decimal? Value, string? Problem);
}
