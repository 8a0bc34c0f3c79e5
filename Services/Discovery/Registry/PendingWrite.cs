namespace Exam3.Discovery.Registry;

internal sealed partial record RegistryState
{
    /// <summary>
    /// A write of a service and its checks under way: the index it will take, the tables as it leaves them, the service
    /// names it touches and which tables it changed. It commits into a new state, or leaves this one as it was.
    /// </summary>
    private sealed class PendingWrite(RegistryState from)
    {
        public long Index { get; } = from.Index + 1;

        public ImmutableSortedDictionary<string, RegisteredService> Services = from.Services;

        public ImmutableSortedDictionary<string, RegisteredCheck> Checks = from.Checks;

        public HashSet<string> Touched { get; } = new(StringComparer.Ordinal);

        public bool ServicesChanged { get; set; }

        public bool ChecksChanged { get; set; }

        /// <summary>The new state if any table changed; else <paramref name="unchanged"/>.</summary>
        public Change Commit(RegistryState unchanged) =>
            ServicesChanged || ChecksChanged
                ? new Change(from.Commit(Index, Services, Checks, Touched, ServicesChanged, ChecksChanged))
                : new Change(unchanged);
    }
}
