namespace Exam3.Discovery.Registry;

/// <summary>One KV operation of a transaction, as Consul's api.KVTxnOp names it.</summary>
internal sealed record KvOperation(string Verb, string Key, ImmutableArray<byte> Value, ulong Flags, long Index, string Session)
{
    private static readonly HashSet<string> WriteVerbs = ["set", "delete", "delete-cas", "delete-tree", "cas", "lock", "unlock"];

    /// <summary>Whether the verb changes the store (Consul's isWrite); a transaction of reads only is answered as a query.</summary>
    public bool IsWrite => WriteVerbs.Contains(Verb);
}

/// <summary>One failed operation of a transaction: its position and Consul's text for it.</summary>
internal sealed record TransactionError(int OpIndex, string What);

/// <summary>A transaction's outcome: the state to publish, and either the entries it produced or every operation that failed.</summary>
internal sealed record TransactionOutcome(RegistryState State, IReadOnlyList<KvEntry> Results, IReadOnlyList<TransactionError> Errors);

/// <summary>Consul's transactions (state/txn.go): every operation at one index, all applied or none.</summary>
internal sealed partial record RegistryState
{
    /// <summary>
    /// Runs <paramref name="operations"/> in order, each seeing the writes before it. Any failure rolls all of them back,
    /// and, as Consul does, every failing operation is reported, not only the first.
    /// </summary>
    public TransactionOutcome ApplyTransaction(IReadOnlyList<KvOperation> operations, DateTimeOffset now)
    {
        var index = Index + 1;
        var state = this;
        var results = new List<KvEntry>();
        var errors = new List<TransactionError>();
        for (var position = 0; position < operations.Count; position++)
        {
            var (outcome, found) = state.Run(operations[position], index, now);
            if (!outcome.Done)
            {
                errors.Add(new TransactionError(position, outcome.Failure ?? "failed"));
                continue;
            }

            state = outcome.State;
            results.AddRange(found);
        }

        return errors.Count > 0 ? new TransactionOutcome(this, [], errors) : new TransactionOutcome(state, results, []);
    }

    private (KvOutcome Outcome, IEnumerable<KvEntry> Results) Run(KvOperation op, long index, DateTimeOffset now)
    {
        var key = GoText.Quote(op.Key);
        var existing = Kv.GetValueOrDefault(op.Key);
        var outcome = op.Verb switch
        {
            // Consul's kvsPreApply: only a tree may be named by the empty prefix.
            not "delete-tree" when op.Key.Length == 0 => Fail("Must provide key"),
            "set" => SetKey(op.Key, op.Value, op.Flags, index),
            "cas" => CheckAndSetKey(op.Key, op.Value, op.Flags, op.Index, index),
            "lock" => LockKey(op.Key, op.Value, op.Flags, op.Session, index, now),
            "unlock" => UnlockKey(op.Key, op.Value, op.Flags, op.Session, index),
            "delete" => DeleteKey(op.Key, index),
            "delete-cas" => DeleteKeyIfIndex(op.Key, op.Index, index),
            "delete-tree" => DeleteTree(op.Key, index),
            "get" => existing is null ? Fail($"key {key} doesn't exist") : Read(existing),
            "get-or-empty" => Read(existing ?? new KvEntry(op.Key, default, op.Flags, 0, op.Index, 0, op.Session)),
            "get-tree" => new KvOutcome(this, true),
            "check-index" => existing is null ? Fail($"failed to check index, key {key} doesn't exist")
                : existing.ModifyIndex != op.Index ? Fail($"failed index check for key {key}, current modify index {existing.ModifyIndex} != {op.Index}")
                : Read(existing),
            "check-session" => existing is null ? Fail($"failed to check session, key {key} doesn't exist")
                : existing.Session != op.Session ? Fail($"failed session check for key {key}, current session {GoText.Quote(existing.Session)} != {GoText.Quote(op.Session)}")
                : Read(existing),
            "check-not-exists" => existing is null ? new KvOutcome(this, true) : Fail($"key {key} exists"),
            _ => Fail($"unknown KV verb {GoText.Quote(op.Verb)}"),
        };

        if (op.Verb == "get-tree")
        {
            return (outcome, ReadKeys(op.Key, true).ToList());
        }

        // Only the reads return the value; a write's result is the entry without it.
        return outcome.Entry is not { } entry ? (outcome, [])
            : op.Verb is "get" or "get-or-empty" ? (outcome, [entry])
            : (outcome, [entry with { Value = default }]);
    }

    private KvOutcome Read(KvEntry entry) => new(this, true, entry);

    private KvOutcome Fail(string what) => new(this, false, Error: what);
}
