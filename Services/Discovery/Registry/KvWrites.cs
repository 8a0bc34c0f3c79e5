using System.Collections.Immutable;

namespace Exam3.Discovery.Registry;

/// <summary>Writes and reads of the KV store. Deleted keys leave a tombstone index so that watchers of them still wake.</summary>
internal sealed partial record RegistryState
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; with <paramref name="cas"/>, only if the key's ModifyIndex matches (0: only if absent).</summary>
    public (Change Change, bool Stored) PutKey(string key, ImmutableArray<byte> value, ulong flags, long? cas)
    {
        var existing = Kv.GetValueOrDefault(key);
        if (cas is { } expected && (expected == 0 ? existing is not null : existing?.ModifyIndex != expected))
        {
            return (new Change(this), false);
        }

        var index = Index + 1;
        var entry = new KvEntry(key, value, flags, existing?.CreateIndex ?? index, index, existing?.LockIndex ?? 0);
        return (new Change(this with { Index = index, Kv = Kv.SetItem(key, entry), KvTombstones = KvTombstones.Remove(key) }), true);
    }

    /// <summary>Deletes a key, or every key under a prefix with <paramref name="recurse"/>; with <paramref name="cas"/>, only if the ModifyIndex matches.</summary>
    public (Change Change, bool Deleted) DeleteKeys(string key, bool recurse, long? cas)
    {
        var existing = Kv.GetValueOrDefault(key);
        if (!recurse && cas is { } expected && expected != 0 && existing?.ModifyIndex != expected)
        {
            return (new Change(this), false);
        }

        var doomed = recurse ? KeysUnder(key).ToList() : existing is null ? [] : [key];
        if (doomed.Count == 0)
        {
            return (new Change(this), true);
        }

        var index = Index + 1;
        return (new Change(this with
        {
            Index = index,
            Kv = Kv.RemoveRange(doomed),
            KvTombstones = KvTombstones.SetItems(doomed.Select(gone => KeyValuePair.Create(gone, index))),
        }), true);
    }

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

    private IEnumerable<string> KeysUnder(string prefix) =>
        Kv.Keys.Where(candidate => candidate.StartsWith(prefix, StringComparison.Ordinal));
}
