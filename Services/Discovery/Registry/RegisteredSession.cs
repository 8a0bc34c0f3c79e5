namespace Exam3.Discovery.Registry;

/// <summary>Consul's session behaviours: what happens to the keys a session holds when it ends.</summary>
internal static class SessionBehavior
{
    public const string Release = "release";
    public const string Delete = "delete";
}

/// <summary>
/// A session: a lock holder bound to this node and to health checks, ended by destroy, by a failing or removed check,
/// or by its TTL running out without a renewal.
/// </summary>
internal sealed record RegisteredSession(
    string Id,
    string Name,
    string Node,
    TimeSpan LockDelay,
    string Behavior,
    string Ttl,
    ImmutableArray<string> NodeChecks,
    ImmutableArray<string> ServiceChecks,
    ImmutableArray<string> Checks)
{
    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }

    /// <summary>When the session ends unless renewed; null without a TTL. Not part of what readers see.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Consul's Session.CheckIDs: the legacy Checks, the node checks and the service checks, each once.</summary>
    public IEnumerable<string> CheckIds => Checks.Concat(NodeChecks).Concat(ServiceChecks).Distinct(StringComparer.Ordinal);
}
