using Exam3.ServiceDefaults.Consul;
using Exam3.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exam3.ServiceDefaults.Tests;

public sealed class BlockingQueryWatchTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0ul, 5ul, 5ul)]
    [InlineData(5ul, 9ul, 9ul)]
    [InlineData(9ul, 9ul, 9ul)]
    [InlineData(9ul, 3ul, 0ul)]
    [InlineData(0ul, 0ul, 1ul)]
    public void NextIndexFollowsConsulsClientRules(ulong previous, ulong received, ulong expected) =>
        Assert.Equal(expected, BlockingQueryIndex.Next(previous, received));

    [Fact]
    public async Task ChangeTokenFiresWhenTheValueChangesAndNotWhenOnlyTheIndexMoves()
    {
        var registry = new ScriptedRegistry<string>();
        await using var watch = new BlockingQueryWatch<string>("test", registry.QueryAsync, NullLogger.Instance).Start();
        registry.Answer("a", 10);
        Assert.Equal("a", await watch.FirstValueAsync(TestContext.Current.CancellationToken));

        var token = watch.GetChangeToken();
        registry.Answer("a", 11);
        await Eventually.UntilAsync("the watch to ask from index 11", Deadline, () => registry.LastIndexAsked == 11);
        Assert.False(token.HasChanged);

        registry.Answer("b", 12);
        await Eventually.UntilAsync("the change token", Deadline, () => token.HasChanged);
        Assert.Equal("b", watch.Current);
    }

    [Fact]
    public async Task UnreachableRegistryKeepsTheLastKnownValueAndRecovers()
    {
        var registry = new ScriptedRegistry<string>();
        await using var watch = new BlockingQueryWatch<string>("test", registry.QueryAsync, NullLogger.Instance).Start();
        registry.Answer("known", 4);
        await watch.FirstValueAsync(TestContext.Current.CancellationToken);

        registry.Fail();
        await Eventually.UntilAsync("the watch to notice the outage", Deadline, () => watch.IsStale);
        Assert.Equal("known", watch.Current);

        registry.Answer("after", 2);
        await Eventually.UntilAsync("the watch to recover", Deadline, () => watch.Current == "after");
        Assert.False(watch.IsStale);
    }

    [Fact]
    public async Task NextChangeCompletesOnANewValueAndNotWhenOnlyTheIndexMoves()
    {
        var registry = new ScriptedRegistry<string>();
        await using var watch = new BlockingQueryWatch<string>("test", registry.QueryAsync, NullLogger.Instance).Start();
        registry.Answer("a", 10);
        await watch.FirstValueAsync(TestContext.Current.CancellationToken);

        var next = watch.NextChangeAsync(TestContext.Current.CancellationToken);
        registry.Answer("a", 11);
        await Eventually.UntilAsync("the watch to ask from index 11", Deadline, () => registry.LastIndexAsked == 11);
        Assert.False(next.IsCompleted);

        registry.Answer("b", 12);
        await next.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.Equal("b", watch.Current);
    }

    [Fact]
    public async Task NextChangeCompletesWhenTheRegistryIsLostAndWhenItAnswersAgainWithTheSameValue()
    {
        var registry = new ScriptedRegistry<string>();
        await using var watch = new BlockingQueryWatch<string>("test", registry.QueryAsync, NullLogger.Instance).Start();
        registry.Answer("known", 4);
        await watch.FirstValueAsync(TestContext.Current.CancellationToken);

        var lost = watch.NextChangeAsync(TestContext.Current.CancellationToken);
        registry.Fail();
        await lost.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.True(watch.IsStale);

        var found = watch.NextChangeAsync(TestContext.Current.CancellationToken);
        registry.Answer("known", 5);
        await found.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Assert.False(watch.IsStale);
        Assert.Equal("known", watch.Current);
    }

    [Fact]
    public async Task IndexGoingBackwardsRestartsFromZero()
    {
        var registry = new ScriptedRegistry<string>();
        await using var watch = new BlockingQueryWatch<string>("test", registry.QueryAsync, NullLogger.Instance).Start();
        registry.Answer("a", 50);
        await watch.FirstValueAsync(TestContext.Current.CancellationToken);

        registry.Answer("a", 7);
        await Eventually.UntilAsync("the watch to ask from index 0", Deadline, () => registry.LastIndexAsked == 0 && registry.Asked > 2);
    }
}
