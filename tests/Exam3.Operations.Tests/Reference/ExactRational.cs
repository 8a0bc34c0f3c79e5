using System.Globalization;
using System.Numerics;

namespace Exam3.Operations.Tests.Reference;

/// <summary>
/// The reference the calculator is checked against: exact rational arithmetic on BigInteger, which never rounds, and one
/// rounding at the end to the nearest decimal, ties to even, found the slow and obvious way.
/// </summary>
internal readonly record struct ExactRational
{
    private static readonly BigInteger MantissaLimit = BigInteger.One << 96;

    private ExactRational(BigInteger numerator, BigInteger denominator)
    {
        var sign = denominator.Sign;
        Numerator = numerator * sign;
        Denominator = denominator * sign;
    }

    public BigInteger Numerator { get; }

    /// <summary>Always positive.</summary>
    public BigInteger Denominator { get; }

    public static ExactRational Of(decimal value)
    {
        // A decimal is mantissa / 10^scale exactly; decimal's own string form says both.
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : text.Length - point - 1;
        return new(BigInteger.Parse(text.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), BigInteger.Pow(10, scale));
    }

    public static ExactRational operator +(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static ExactRational operator -(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static ExactRational operator *(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static ExactRational operator /(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>a - b * truncate(a / b): the remainder takes the dividend's sign, as C#'s % does.</summary>
    public static ExactRational operator %(ExactRational a, ExactRational b)
    {
        var quotient = BigInteger.Divide(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
        return a - b * new ExactRational(quotient, 1);
    }

    public ExactRational Pow(int exponent) => exponent >= 0
        ? new(BigInteger.Pow(Numerator, exponent), BigInteger.Pow(Denominator, exponent))
        : new(BigInteger.Pow(Denominator, -exponent), BigInteger.Pow(Numerator, -exponent));

    /// <summary>The decimal nearest to this value, ties to even, with as many fraction digits as fit; null beyond decimal's range.</summary>
    public decimal? ToNearestDecimal()
    {
        if (BigInteger.Abs(BigInteger.Divide(Numerator, Denominator)) >= MantissaLimit)
        {
            return null;
        }

        for (var scale = 28; scale >= 0; scale--)
        {
            var scaled = Numerator * BigInteger.Pow(10, scale);
            var quotient = BigInteger.DivRem(scaled, Denominator, out var remainder);
            var twice = BigInteger.Abs(remainder) * 2;
            if (twice > Denominator || (twice == Denominator && !quotient.IsEven))
            {
                quotient += scaled.Sign;
            }

            if (BigInteger.Abs(quotient) < MantissaLimit)
            {
                return decimal.Parse(Shift(quotient, scale), NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    // quotient × 10^-scale written out, which decimal parses exactly: it has at most 29 digits and 28 fraction digits.
    private static string Shift(BigInteger quotient, int scale) =>
        scale == 0 ? quotient.ToString(CultureInfo.InvariantCulture) : $"{quotient}e-{scale}";
}
