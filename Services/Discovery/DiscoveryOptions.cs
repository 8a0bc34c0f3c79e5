using System.ComponentModel.DataAnnotations;

namespace Exam3.Discovery;

/// <summary>The registry's settings, from the "Discovery" configuration section.</summary>
internal sealed class DiscoveryOptions
{
    public const string Section = "Discovery";

    /// <summary>The default address, the one `consul agent -dev` listens on.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8500";

    /// <summary>The node's name; a dev agent uses the host name.</summary>
    [Required]
    public string NodeName { get; set; } = System.Net.Dns.GetHostName();

    [Required]
    public string Datacenter { get; set; } = "dc1";

    /// <summary>The node's address as the catalog reports it (a dev agent binds 127.0.0.1).</summary>
    [Required]
    public string NodeAddress { get; set; } = "127.0.0.1";

    /// <summary>When set, every write needs this token (Consul's initial management token); unset, ACLs are off as in dev mode.</summary>
    public string? ManagementToken { get; set; }

    /// <summary>
    /// The smallest DeregisterCriticalServiceAfter honoured; smaller values are raised to it. Consul's is 1m
    /// (check_deregister_interval_min); configurable so that tests and the demo can show a reap in seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan DeregisterCriticalServiceAfterMinimum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often critical services are reaped. Consul's is 30s (check_reap_interval); configurable for the same reason.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest interval a check runs at; Consul raises anything lower to 1s (checks.MinInterval).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MinimumCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The shortest session TTL accepted; Consul's is 10s (session_ttl_min). Configurable so that tests and the demo can
    /// show a session expire in seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan SessionTtlMinimum { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest request body accepted; Consul's KV value limit is 512 KiB, a registration is far smaller.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
