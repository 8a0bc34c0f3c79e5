using System.Numerics;

namespace Exam3.Operations.Arithmetic;

/// <summary>
/// Whole powers of a decimal, computed exactly and rounded once to the nearest decimal, ties to even: the rule decimal's
/// own + - * / % follow. Repeated decimal multiplication would round at every step (0.7^60 would come out wrong in its
/// last digits), and a negative power taken as 1 / a^n divides by an a^n that already rounded to 0 (0.5^-200).
/// </summary>
internal static class ExactPower
{
    private const int MaxScale = 28;

    private static readonly BigInteger MantissaLimit = BigInteger.One << 96;

    /// <summary>The nearest decimal to <paramref name="base"/>^<paramref name="exponent"/>, or null when it lies beyond ±<see cref="decimal.MaxValue"/>.</summary>
    /// <remarks>A base of zero with a negative exponent has no value; the caller refuses it first.</remarks>
    public static decimal? Compute(decimal @base, int exponent)
    {
        var (mantissa, scale) = Split(@base);
        var magnitude = BigInteger.Pow(mantissa, Math.Abs(exponent));
        var tens = BigInteger.Pow(10, scale * Math.Abs(exponent));
        var negative = @base < 0 && exponent % 2 != 0;
        return exponent >= 0 ? Round(magnitude, tens, negative) : Round(tens, magnitude, negative);
    }

    private static (BigInteger Mantissa, int Scale) Split(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | (uint)bits[0];
        return (mantissa, (bits[3] >> 16) & 0xFF);
    }

    // numerator / denominator, both positive, as the decimal with the most fraction digits (28 at most) whose mantissa
    // still fits decimal's 96 bits. A value below half of 10^-28 rounds to 0, as 1e-15m * 1e-15m does: decimal's
    // resolution ends there, and this is the one rounding every result gets, not an error.
    private static decimal? Round(BigInteger numerator, BigInteger denominator, bool negative)
    {
        var scale = MaxScale;
        var rounded = RoundedQuotient(numerator * BigInteger.Pow(10, scale), denominator);
        while (rounded >= MantissaLimit)
        {
            // Drop the digits that cannot fit, at least one: the estimate's floor never drops more than needed, and
            // rounding carrying into a new digit takes one more turn.
            scale -= Math.Max(1, (int)Math.Floor(BigInteger.Log10(rounded) - BigInteger.Log10(MantissaLimit)));
            if (scale < 0)
            {
                return null;
            }

            rounded = RoundedQuotient(numerator * BigInteger.Pow(10, scale), denominator);
        }

        var low = (int)(uint)(rounded & uint.MaxValue);
        var middle = (int)(uint)((rounded >> 32) & uint.MaxValue);
        var high = (int)(uint)(rounded >> 64);
        return new decimal(low, middle, high, negative && !rounded.IsZero, (byte)scale);
    }

    private static BigInteger RoundedQuotient(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var half = (remainder * 2).CompareTo(denominator);
        return half > 0 || (half == 0 && !quotient.IsEven) ? quotient + 1 : quotient;
    }
}
