namespace Exam3.ServiceDefaults.Tests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("90m", 5_400_000)]
    [InlineData("0", 0)]
    [InlineData("2us", 0.002)]
    [InlineData("-1s", -1_000)]
    public void GoDurationTextIsParsed(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("10", "time: missing unit in duration \"10\"")]
    [InlineData("10x", "time: unknown unit \"x\" in duration \"10x\"")]
    [InlineData("abc", "time: invalid duration \"abc\"")]
    public void InvalidTextIsRefusedWithGosMessage(string text, string message)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(10_000, "10s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(1_500, "1.5s")]
    public void DurationIsFormattedAsGoDoes(double milliseconds, string text) =>
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void NumberIsNanoseconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), GoDuration.FromNanoseconds(30_000_000_000));
}
