using Exam3.Operations.Arithmetic;

namespace Exam3.Operations.Apis;

/// <summary>GET /add, /subtract, /multiply, /divide, /modulo, /power: decimal arithmetic that names the replica serving it.</summary>
public static class CalculatorApi
{
    public static IEndpointRouteBuilder MapCalculatorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Calculator");

        foreach (var operation in Calculator.Operations)
        {
            api.MapGet($"/{operation}", (string? a, string? b, ServiceInstance instance) => Calculate(operation, a, b, instance))
                .WithName(operation)
                .WithSummary($"Computes {operation}(a, b) in decimal arithmetic.");
        }

        // Anything else that looks like an operation gets a 400 naming the known ones, not a bare 404.
        api.MapGet("/{operation}", (string operation, string? a, string? b, ServiceInstance instance) => Calculate(operation, a, b, instance))
            .WithName("unknown-operation")
            .WithSummary("Answers 400 for an operation that does not exist.")
            .ExcludeFromDescription();

        return app;
    }

    public static Results<Ok<OperationResponse>, ProblemHttpResult> Calculate(string operation, string? a, string? b, ServiceInstance instance)
    {
        if (!Calculator.Operations.Contains(operation))
        {
            return Problem(Calculator.Compute(operation, 0, 0));
        }

        if (!Calculator.TryParseOperand(a, out var left))
        {
            return InvalidOperand("a", a);
        }

        if (!Calculator.TryParseOperand(b, out var right))
        {
            return InvalidOperand("b", b);
        }

        var result = Calculator.Compute(operation, left, right);
        return result.Succeeded
            ? TypedResults.Ok(new OperationResponse(operation, left, right, result.Value, instance.Id))
            : Problem(result);
    }

    private static ProblemHttpResult InvalidOperand(string name, string? value) =>
        TypedResults.Problem(
            title: value is null ? "Missing operand" : "Invalid operand",
            detail: value is null
                ? $"The query parameter '{name}' is required."
                : $"The query parameter '{name}' must be a decimal number; '{value}' is not.",
            statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult Problem(CalculationResult failure) =>
        TypedResults.Problem(title: failure.Error, detail: failure.Detail, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>The answer to an operation, with the instance that computed it.</summary>
public sealed record OperationResponse(string Operation, decimal A, decimal B, decimal Result, string Instance);
