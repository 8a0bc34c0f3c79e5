namespace Exam3.LoadBalancer.Tests;

public sealed class SlotTableTests
{
    private static readonly BackendMember A = Member("operations-a", 5001);
    private static readonly BackendMember B = Member("operations-b", 5002);
    private static readonly BackendMember C = Member("operations-c", 5003);

    [Fact]
    public void ReplicaKeepsItsSlotWhenOthersComeAndGo()
    {
        var table = SlotTable.Empty(4).Assign([A, B, C]);

        var next = table.Assign([C, A]);

        Assert.Equal(["operations-a", null, "operations-c", null], InstanceIds(next));
    }

    [Fact]
    public void NewcomerTakesTheLowestFreeSlot()
    {
        var table = SlotTable.Empty(4).Assign([A, B, C]).Assign([A, C]);

        var next = table.Assign([A, C, Member("operations-d", 5004)]);

        Assert.Equal(["operations-a", "operations-d", "operations-c", null], InstanceIds(next));
    }

    [Fact]
    public void FullTableDoublesAndKeepsEveryoneInPlace()
    {
        var table = SlotTable.Empty(2).Assign([A, B]);

        var next = table.Assign([B, A, C]);

        Assert.Equal(["operations-a", "operations-b", "operations-c", null], InstanceIds(next));
        Assert.Equal(["s1", "s2", "s3", "s4"], next.Slots.Select(slot => slot.Server));
    }

    [Fact]
    public void ReplicaThatMovedKeepsItsSlotAtItsNewAddress()
    {
        var table = SlotTable.Empty(2).Assign([A, B]);

        var next = table.Assign([A, B with { Port = 6002 }]);

        Assert.Equal(B with { Port = 6002 }, next.Slots[1].Member);
        Assert.Equal([next.Slots[1]], table.ChangedIn(next));
    }

    [Fact]
    public void SameMembersMakeAnEqualTable()
    {
        var table = SlotTable.Empty(3).Assign([A, B]);

        Assert.Equal(table, table.Assign([B, A]));
        Assert.Empty(table.ChangedIn(table.Assign([B, A])));
    }

    private static BackendMember Member(string id, int port) => new(id, IPAddress.Loopback, port);

    private static string?[] InstanceIds(SlotTable table) => [.. table.Slots.Select(slot => slot.Member?.InstanceId)];
}
