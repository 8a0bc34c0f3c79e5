using CsCheck;

namespace Exam3.Operations.Tests.Reference;

/// <summary>Operands a careless or hostile client might send: tiny, huge, negative, fractional, and decimal's own edges.</summary>
internal static class Operands
{
    private static readonly Gen<bool> Sign = Gen.Bool;

    /// <summary>Any decimal, drawn so that every kind of magnitude turns up often.</summary>
    public static Gen<decimal> Any { get; } = Gen.OneOf(
        Gen.Int[-1000, 1000].Select(value => (decimal)value),
        // Fractional: a modest mantissa at any scale, from 123.4 down to 1.234e-25.
        Gen.Select(Gen.UInt, Sign, Gen.Byte[1, 28], (mantissa, negative, scale) => new decimal((int)mantissa, 0, 0, negative, scale)),
        // Tiny: the last few digits decimal can hold, where results round to 0.
        Gen.Select(Gen.Int[1, 999], Sign, Gen.Byte[20, 28], (mantissa, negative, scale) => new decimal(mantissa, 0, 0, negative, scale)),
        // Huge: all 96 bits of the mantissa, near decimal.MaxValue, where results overflow.
        Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt, Sign, Gen.Byte[0, 3], (low, middle, high, negative, scale) => new decimal((int)low, (int)middle, (int)high, negative, scale)),
        // Anything at all: 96 random bits at a random scale.
        Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt, Sign, Gen.Byte[0, 28], (low, middle, high, negative, scale) => new decimal((int)low, (int)middle, (int)high, negative, scale)),
        Gen.OneOf(0m, 1m, -1m, 0.5m, 0.1m, 1e-15m, 0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue));

    /// <summary>Exponents: mostly whole and small enough to stay in range, some up to the bound and past it, some fractional.</summary>
    public static Gen<decimal> Exponent { get; } = Gen.OneOf(
        Gen.Int[-40, 40].Select(value => (decimal)value),
        Gen.Int[-40, 40].Select(value => (decimal)value),
        Gen.Int[-1000, 1000].Select(value => (decimal)value),
        Gen.Int[-100_000, 100_000].Select(value => (decimal)value),
        Any);
}
