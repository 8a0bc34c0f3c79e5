namespace Exam3.Discovery.Registry;

/// <summary>
/// What one KV verb did: the state after it, whether it took effect, the entry it concerns, and otherwise why not —
/// a <see cref="Refusal"/> (a false answer, e.g. a stale index or a held lock) or an <see cref="Error"/> (bad input).
/// The texts are Consul's, as its transactions report them.
/// </summary>
internal readonly record struct KvOutcome(RegistryState State, bool Done, KvEntry? Entry = null, string? Refusal = null, string? Error = null)
{
    public string? Failure => Error ?? Refusal;
}

/// <summary>
/// The KV verbs of Consul's state store (kvs.go), each at a given raft index so that a transaction applies all of its
/// operations at one index. Deleted keys leave a tombstone index so that watchers of them still wake.
/// </summary>
internal sealed partial record RegistryState
{
    /// <summary>Consul's structs.MaxLockDelay: a session's lock delay is capped at a minute.</summary>
    public static readonly TimeSpan MaxLockDelay = TimeSpan.FromSeconds(60);

    public KvOutcome SetKey(string key, ImmutableArray<byte> value, ulong flags, long index)
    {
        var existing = Kv.GetValueOrDefault(key);
        return Store(new KvEntry(key, value, flags, 0, 0, existing?.LockIndex ?? 0, existing?.Session ?? ""), existing, index);
    }

    /// <summary>Sets the key only if its ModifyIndex is <paramref name="cas"/>; 0 means only if it does not exist.</summary>
    public KvOutcome CheckAndSetKey(string key, ImmutableArray<byte> value, ulong flags, long cas, long index)
    {
        var existing = Kv.GetValueOrDefault(key);
        var matches = cas == 0 ? existing is null : existing?.ModifyIndex == cas;
        return matches
            ? SetKey(key, value, flags, index)
            : new KvOutcome(this, false, Refusal: $"failed to set key {GoText.Quote(key)}, index is stale");
    }

    /// <summary>
    /// Acquires the key's lock for <paramref name="session"/> and sets its value. A lock held by another session, or a
    /// key still in the lock delay of a session that lost it, is refused; a new holder raises the LockIndex.
    /// </summary>
    public KvOutcome LockKey(string key, ImmutableArray<byte> value, ulong flags, string session, long index, DateTimeOffset now)
    {
        if (session.Length == 0)
        {
            return new KvOutcome(this, false, Error: "missing session");
        }

        if (!Sessions.ContainsKey(session))
        {
            return new KvOutcome(this, false, Error: $"invalid session {GoText.Quote(session)}");
        }

        if (LockDelays.TryGetValue(key, out var delayedUntil) && delayedUntil > now)
        {
            return new KvOutcome(this, false, Refusal: $"failed to lock key {GoText.Quote(key)} due to lock delay");
        }

        var existing = Kv.GetValueOrDefault(key);
        if (existing is { Session.Length: > 0 } && existing.Session != session)
        {
            return new KvOutcome(this, false, Refusal: $"failed to lock key {GoText.Quote(key)}, lock is already held");
        }

        var lockIndex = existing is null ? 1 : existing.Session == session ? existing.LockIndex : existing.LockIndex + 1;
        return Store(new KvEntry(key, value, flags, 0, 0, lockIndex, session), existing, index);
    }

    /// <summary>Releases the key's lock if <paramref name="session"/> holds it, setting its value; the LockIndex stays.</summary>
    public KvOutcome UnlockKey(string key, ImmutableArray<byte> value, ulong flags, string session, long index)
    {
        if (session.Length == 0)
        {
            return new KvOutcome(this, false, Error: "missing session");
        }

        var existing = Kv.GetValueOrDefault(key);
        return existing is not null && existing.Session == session
            ? Store(new KvEntry(key, value, flags, 0, 0, existing.LockIndex), existing, index)
            : new KvOutcome(this, false,
                Refusal: $"failed to unlock key {GoText.Quote(key)}, lock isn't held, or is held by another session");
    }

    public KvOutcome DeleteKey(string key, long index) =>
        Remove(Kv.ContainsKey(key) ? [key] : [], index);

    /// <summary>
    /// Deletes the key only if its ModifyIndex is <paramref name="cas"/>. As in Consul, a key that does not exist counts
    /// as deleted, and 0 matches no existing key.
    /// </summary>
    public KvOutcome DeleteKeyIfIndex(string key, long cas, long index)
    {
        var existing = Kv.GetValueOrDefault(key);
        return existing is null || existing.ModifyIndex == cas
            ? DeleteKey(key, index)
            : new KvOutcome(this, false, Refusal: $"failed to delete key {GoText.Quote(key)}, index is stale");
    }

    public KvOutcome DeleteTree(string prefix, long index) => Remove([.. KeysUnder(prefix)], index);

    /// <summary>The entries a KV read returns: the key itself, or everything under it as a prefix.</summary>
    public IEnumerable<KvEntry> ReadKeys(string key, bool prefix) =>
        prefix ? KeysUnder(key).Select(found => Kv[found]) : Kv.TryGetValue(key, out var entry) ? [entry] : [];

    /// <summary>The index of a KV read: the last write or delete of any key it covers.</summary>
    public long IndexOfKeys(string key, bool prefix)
    {
        var entries = ReadKeys(key, prefix).Select(entry => entry.ModifyIndex);
        var tombstones = KvTombstones.Where(gone => prefix ? gone.Key.StartsWith(key, StringComparison.Ordinal) : gone.Key == key)
            .Select(gone => gone.Value);
        return entries.Concat(tombstones).DefaultIfEmpty(Node.CreateIndex).Max();
    }

    private KvOutcome Store(KvEntry entry, KvEntry? existing, long index)
    {
        if (existing is not null && existing.SameContentAs(entry))
        {
            return new KvOutcome(this, true, existing);
        }

        var stored = entry with { CreateIndex = existing?.CreateIndex ?? index, ModifyIndex = index };
        return new KvOutcome(this with { Index = index, Kv = Kv.SetItem(entry.Key, stored), KvTombstones = KvTombstones.Remove(entry.Key) }, true, stored);
    }

    private KvOutcome Remove(IReadOnlyCollection<string> doomed, long index) =>
        doomed.Count == 0
            ? new KvOutcome(this, true)
            : new KvOutcome(this with
            {
                Index = index,
                Kv = Kv.RemoveRange(doomed),
                KvTombstones = KvTombstones.SetItems(doomed.Select(gone => KeyValuePair.Create(gone, index))),
            }, true);

    private IEnumerable<string> KeysUnder(string prefix) =>
        Kv.Keys.Where(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal));
}
