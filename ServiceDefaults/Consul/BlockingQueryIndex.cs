namespace Exam3.ServiceDefaults.Consul;

/// <summary>Consul's rules for the index a client waits on next (reference/consul-api.md §4).</summary>
public static class BlockingQueryIndex
{
    /// <summary>An index that went backwards means the registry was reset: start again from 0. Never wait on 0 otherwise.</summary>
    public static ulong Next(ulong previous, ulong received) => received < previous ? 0 : Math.Max(received, 1);
}
