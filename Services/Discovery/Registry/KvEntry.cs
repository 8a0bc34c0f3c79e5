namespace Exam3.Discovery.Registry;

/// <summary>One key of the KV store. A default Value is Go's nil slice: what a PUT with an empty body stores.</summary>
internal sealed record KvEntry(string Key, ImmutableArray<byte> Value, ulong Flags, long CreateIndex, long ModifyIndex, long LockIndex, string Session = "")
{
    /// <summary>Consul's DirEntry.Equal: a write that changes none of these is no write, and keeps the ModifyIndex.</summary>
    public bool SameContentAs(KvEntry other) =>
        Key == other.Key
        && Flags == other.Flags
        && LockIndex == other.LockIndex
        && Session == other.Session
        // bytes.Equal: a nil value and an empty one are the same.
        && Value.AsSpan().SequenceEqual(other.Value.AsSpan());
}
