namespace Exam3.Gateway.Tests.Routing;

public sealed class RegistryRecoveryTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly RoutedService Before = new("operations", ["/api/operations"],
        [ProxyConfigFactoryTests.Instance("operations-a", 1), ProxyConfigFactoryTests.Instance("operations-b", 2)]);

    [Fact]
    public void WithoutAnOutageTheRegistrysAnswerIsRoutedAsIs()
    {
        var recovery = new RegistryRecovery(Grace);
        var emptied = Before with { Instances = [] };

        Assert.Equal([emptied], recovery.Apply([emptied], [Before], registryUnreachable: false, Start));
        Assert.False(recovery.IsBridging);
    }

    [Fact]
    public void AfterAnOutageInstancesKnownBeforeItAreKeptUntilTheGraceEnds()
    {
        var recovery = new RegistryRecovery(Grace);
        var restarted = Before with { Instances = [ProxyConfigFactoryTests.Instance("operations-c", 3)] };

        recovery.Apply([Before], [Before], registryUnreachable: true, Start);
        var during = recovery.Apply([restarted], [Before], registryUnreachable: false, Start.AddSeconds(1));
        var later = recovery.Apply([restarted], during, registryUnreachable: false, Start.AddSeconds(1) + Grace);

        Assert.Equal(["operations-a", "operations-b", "operations-c"], Assert.Single(during).Instances.Select(instance => instance.Id));
        Assert.Equal([restarted], later);
        Assert.False(recovery.IsBridging);
    }

    [Fact]
    public void EmptyAnswerHeardWhileOtherWatchesAreStillCutOffKeepsTheInstancesKnownBefore()
    {
        var recovery = new RegistryRecovery(Grace);

        recovery.Apply([Before], [Before], registryUnreachable: true, Start);
        var partlyRecovered = recovery.Apply([Before with { Instances = [] }], [Before], registryUnreachable: true, Start.AddSeconds(1));

        Assert.Equal([Before], partlyRecovered);
    }

    [Fact]
    public void ServiceTheRestartedRegistryDoesNotListYetIsKeptDuringTheGrace()
    {
        var recovery = new RegistryRecovery(Grace);

        recovery.Apply([Before], [Before], registryUnreachable: true, Start);
        var during = recovery.Apply([], [Before], registryUnreachable: false, Start.AddSeconds(1));

        Assert.Equal([Before], during);
        Assert.True(recovery.IsBridging);
    }
}
