namespace Exam3.ServiceDefaults.Tests;

public sealed class BlockingQueryWatchTests
{
    [Theory]
    [InlineData(0ul, 5ul, 5ul)]
    [InlineData(5ul, 9ul, 9ul)]
    [InlineData(9ul, 9ul, 9ul)]
    [InlineData(9ul, 3ul, 0ul)]
    [InlineData(0ul, 0ul, 1ul)]
    public void NextIndexFollowsConsulsClientRules(ulong previous, ulong received, ulong expected) =>
        Assert.Equal(expected, BlockingQueryIndex.Next(previous, received));

    [Fact]
    public async Task ChangeSignalFiresWhenTheValueChangesAndNotWhenOnlyTheIndexMoves()
    {
        var registry = new ScriptedRegistry<string>();
        await using var watch = await registry.StartWatchAsync("test", "a", 10);

        var token = watch.GetChangeToken();
        var next = watch.NextChangeAsync(Cancellation);
        registry.Answer("a", 11);
        await Eventually.UntilAsync("the watch to ask from index 11", Deadline, () => registry.LastIndexAsked == 11);
        Assert.False(token.HasChanged);
        Assert.False(next.IsCompleted);

        registry.Answer("b", 12);
        await next.WaitAsync(Deadline, Cancellation);
        Assert.True(token.HasChanged);
        Assert.Equal("b", watch.Current);
    }

    [Fact]
    public async Task UnreachableRegistryKeepsTheLastKnownValueAndSignalsWhenLostAndWhenFoundAgain()
    {
        var registry = new ScriptedRegistry<string>();
        await using var watch = await registry.StartWatchAsync("test", "known", 4);

        var lost = watch.NextChangeAsync(Cancellation);
        registry.Fail();
        await lost.WaitAsync(Deadline, Cancellation);
        Assert.True(watch.IsStale);
        Assert.Equal("known", watch.Current);

        // Found again with the same value: only IsStale changes, and that is a change too.
        // A restarted registry's index starts low again; the watch starts afresh from 0 after an outage.
        var found = watch.NextChangeAsync(Cancellation);
        registry.Answer("known", 2);
        await found.WaitAsync(Deadline, Cancellation);
        Assert.False(watch.IsStale);
        Assert.Equal("known", watch.Current);

        registry.Answer("after", 3);
        await Eventually.UntilAsync("the watch to take the restarted registry's next answer", Deadline, () => watch.Current == "after");
    }

    [Fact]
    public async Task IndexGoingBackwardsRestartsFromZero()
    {
        var registry = new ScriptedRegistry<string>();
        await using var watch = await registry.StartWatchAsync("test", "a", 50);

        registry.Answer("a", 7);
        await Eventually.UntilAsync("the watch to ask from index 0", Deadline, () => registry.LastIndexAsked == 0 && registry.Asked > 2);
    }
}
