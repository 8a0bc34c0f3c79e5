using System.Collections.Immutable;

namespace Exam3.Discovery.Registry;

/// <summary>One key of the KV store.</summary>
internal sealed record KvEntry(string Key, ImmutableArray<byte> Value, ulong Flags, long CreateIndex, long ModifyIndex, long LockIndex);
