using System.Globalization;

namespace Exam3.Operations.Arithmetic;

/// <summary>
/// Decimal arithmetic with every failure named instead of thrown. Every result is the exact one rounded once to the
/// nearest decimal, ties to even, as decimal's own operators round: exact wherever decimal can hold it, 28 fraction
/// digits at most, so a result smaller than half of 10^-28 is 0 (1e-15 * 1e-15 is 0 in decimal, not an error). Only a
/// result beyond ±decimal.MaxValue has no nearest decimal, and answers "Arithmetic overflow".
/// </summary>
public static class Calculator
{
    // Powers are whole: a fractional one (2^0.5) is irrational in general, with no exact value to round. The bound keeps
    // the exact computation of a power within milliseconds whatever the base.
    private const int MaxExponent = 1000;

    /// <summary>The operations the service offers, by route name.</summary>
    public static IReadOnlyList<string> Operations { get; } = ["add", "subtract", "multiply", "divide", "modulo", "power"];

    /// <summary>Parses an operand the way a URL carries it: invariant culture, optional sign, decimals and exponent.</summary>
    public static bool TryParseOperand(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Computes <paramref name="operation"/>, or says why it cannot.</summary>
    public static CalculationResult Compute(string operation, decimal a, decimal b)
    {
        try
        {
            return operation switch
            {
                "add" => CalculationResult.Of(a + b),
                "subtract" => CalculationResult.Of(a - b),
                "multiply" => CalculationResult.Of(a * b),
                "divide" when b == 0 => CalculationResult.Failure("Division by zero", "The divisor 'b' must not be zero."),
                "divide" => CalculationResult.Of(a / b),
                "modulo" when b == 0 => CalculationResult.Failure("Division by zero", "The divisor 'b' must not be zero."),
                "modulo" => CalculationResult.Of(a % b),
                "power" => Power(a, b),
                _ => CalculationResult.Failure("Unknown operation", $"'{operation}' is not an operation. Known operations: {string.Join(", ", Operations)}."),
            };
        }
        catch (OverflowException)
        {
            return Overflow(operation, a, b);
        }
    }

    private static CalculationResult Power(decimal @base, decimal exponent)
    {
        if (exponent != decimal.Truncate(exponent) || Math.Abs(exponent) > MaxExponent)
        {
            return CalculationResult.Failure("Invalid exponent", $"The exponent 'b' must be a whole number between -{MaxExponent} and {MaxExponent}.");
        }

        if (@base == 0 && exponent < 0)
        {
            return CalculationResult.Failure("Division by zero", "Zero cannot be raised to a negative power.");
        }

        return ExactPower.Compute(@base, (int)exponent) is { } power ? CalculationResult.Of(power) : Overflow("power", @base, exponent);
    }

    private static CalculationResult Overflow(string operation, decimal a, decimal b) =>
        CalculationResult.Failure("Arithmetic overflow", $"The result of {operation}({a}, {b}) is outside the decimal range (±{decimal.MaxValue}).");
}

/// <summary>Either a value or a named error with its detail.</summary>
public readonly record struct CalculationResult(decimal Value, string? Error, string? Detail)
{
    public bool Succeeded => Error is null;

    public static CalculationResult Of(decimal value) => new(value, null, null);

    public static CalculationResult Failure(string error, string detail) => new(0, error, detail);
}
