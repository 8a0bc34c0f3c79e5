using System.ComponentModel.DataAnnotations;

namespace Exam3.Gateway;

/// <summary>How the gateway forwards: timeouts, how long a failed replica is avoided, and limits.</summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>
    /// How long to wait for a replica to accept a connection. Short, because a replica that does not accept at once
    /// is dead or overloaded, and the request is better sent to another one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a replica that refused a connection or dropped a request is left out, unless the registry lists it
    /// afresh before then. It covers the time the registry's own check needs to notice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FailedDestinationQuarantine { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a registry outage, how long the replicas known before it are kept beside what the registry answers:
    /// a restarted registry starts empty and fills up as the replicas register again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RegistryRecoveryGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body the gateway accepts, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;
}
