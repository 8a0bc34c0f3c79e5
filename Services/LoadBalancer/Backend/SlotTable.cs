namespace Exam3.LoadBalancer.Backend;

/// <summary>One server line of the backend: a slot, and the replica in it (null: free, held in maintenance).</summary>
internal sealed record BackendSlot(string Server, BackendMember? Member);

/// <summary>
/// Which replica sits in which of HAProxy's server slots. A replica keeps its slot for as long as it stays passing,
/// so its counters and connections in HAProxy stay its own; newcomers take the lowest free slot; when none is
/// free the table doubles, which is the one change that needs a reload.
/// </summary>
internal sealed record SlotTable(IReadOnlyList<BackendSlot> Slots)
{
    public static SlotTable Empty(int size) => new(Enumerable.Range(0, size).Select(index => new BackendSlot(ServerName(index), null)).ToList());

    public int Size => Slots.Count;

    public IEnumerable<BackendMember> Members => Slots.Select(slot => slot.Member).OfType<BackendMember>();

    /// <summary>The table that serves exactly <paramref name="members"/>, moving nobody who stays.</summary>
    public SlotTable Assign(IReadOnlyCollection<BackendMember> members)
    {
        var distinct = members.DistinctBy(member => member.InstanceId, StringComparer.Ordinal).ToList();
        var wanted = distinct.ToDictionary(member => member.InstanceId, StringComparer.Ordinal);
        var next = Slots
            .Select(slot => slot.Member is { } current && wanted.Remove(current.InstanceId, out var updated)
                ? slot with { Member = updated }
                : slot with { Member = null })
            .ToList();

        foreach (var newcomer in distinct.Where(member => wanted.ContainsKey(member.InstanceId)))
        {
            var free = next.FindIndex(slot => slot.Member is null);
            if (free < 0)
            {
                free = next.Count;
                next.AddRange(Enumerable.Range(next.Count, Math.Max(next.Count, 1)).Select(index => new BackendSlot(ServerName(index), null)));
            }

            next[free] = next[free] with { Member = newcomer };
        }

        return new SlotTable(next);
    }

    /// <summary>The slots whose replica differs in <paramref name="next"/>; only meaningful when both have the same size.</summary>
    public IEnumerable<BackendSlot> ChangedIn(SlotTable next) =>
        next.Slots.Where((slot, index) => index >= Slots.Count || !Equals(Slots[index], slot));

    public bool Equals(SlotTable? other) => other is not null && Slots.SequenceEqual(other.Slots);

    public override int GetHashCode() => Slots.Count;

    private static string ServerName(int index) => $"s{index + 1}";
}
