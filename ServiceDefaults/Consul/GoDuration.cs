using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// Go's time.Duration text ("10s", "1m30s", "500ms", "1h0m0s"): Consul reads and writes durations this way,
/// and no .NET library parses it (TimeSpan's formats are "00:00:10"). The registry reads and writes it; a service
/// writes its check's intervals with it.
/// </summary>
public static class GoDuration
{
    private const long NanosPerTick = 100;

    private static readonly (string Unit, double Nanos)[] Units =
    [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ];

    /// <summary>Parses Go duration text; the error is Go's own (`time: invalid duration "x"`).</summary>
    public static bool TryParse(string text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = TimeSpan.Zero;
        error = $"time: invalid duration \"{text}\"";
        var rest = text.AsSpan();
        var negative = false;
        if (rest.Length > 0 && (rest[0] == '-' || rest[0] == '+'))
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        if (rest.SequenceEqual("0"))
        {
            error = null;
            return true;
        }

        if (rest.IsEmpty)
        {
            return false;
        }

        double nanos = 0;
        while (!rest.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            rest = rest[numberLength..];
            var unitLength = 0;
            while (unitLength < rest.Length && !char.IsAsciiDigit(rest[unitLength]) && rest[unitLength] != '.')
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                error = $"time: missing unit in duration \"{text}\"";
                return false;
            }

            var unit = rest[..unitLength].ToString();
            var match = Array.FindIndex(Units, candidate => candidate.Unit == unit);
            if (match < 0)
            {
                error = $"time: unknown unit \"{unit}\" in duration \"{text}\"";
                return false;
            }

            nanos += number * Units[match].Nanos;
            rest = rest[unitLength..];
        }

        if (nanos > long.MaxValue)
        {
            return false;
        }

        duration = FromNanoseconds((long)(negative ? -nanos : nanos));
        error = null;
        return true;
    }

    /// <summary>A duration given as a JSON number: Go's nanoseconds.</summary>
    public static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / NanosPerTick);

    /// <summary>Formats as Go's Duration.String() does: "0s", "500ms", "10s", "1m30s", "1h0m0s".</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var nanos = (decimal)duration.Ticks * NanosPerTick;
        var text = new StringBuilder();
        if (nanos < 0)
        {
            text.Append('-');
            nanos = -nanos;
        }

        if (nanos < 1_000_000_000m)
        {
            var (unit, size) = nanos < 1_000m ? ("ns", 1m) : nanos < 1_000_000m ? ("µs", 1_000m) : ("ms", 1_000_000m);
            return text.Append(Number(nanos / size)).Append(unit).ToString();
        }

        var hours = decimal.Floor(nanos / 3_600_000_000_000m);
        nanos -= hours * 3_600_000_000_000m;
        var minutes = decimal.Floor(nanos / 60_000_000_000m);
        nanos -= minutes * 60_000_000_000m;
        if (hours > 0)
        {
            text.Append(Number(hours)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(Number(minutes)).Append('m');
        }

        return text.Append(Number(nanos / 1_000_000_000m)).Append('s').ToString();
    }

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
