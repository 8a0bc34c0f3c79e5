using System.ComponentModel.DataAnnotations;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>How this process registers itself in the registry; bound from the "Consul:Registration" section.</summary>
public sealed class ConsulRegistrationOptions
{
    public const string SectionName = "Consul:Registration";

    /// <summary>False for single-process runs and tests that have no registry.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Tags of the registration. A public route goes here the Fabio way, "urlprefix-/api/operations"; a service that
    /// the gateway must not route to (the gateway itself) has none.
    /// </summary>
    public string[] Tags { get; set; } = [];

    /// <summary>
    /// The address to register when the listener is bound to every interface (0.0.0.0, [::]), which Consul refuses.
    /// Unset, such a listener is registered on 127.0.0.1: Exam3 runs on one machine.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>
    /// The host the registry's HTTP check calls instead of the registered address, for a registry that cannot reach that
    /// one: Consul in a container reaches this machine at the container engine's bridge gateway, not at 127.0.0.1. The
    /// service then listens there too, on the same port; unset, the check calls the registered address.
    /// </summary>
    public string? CheckAddress { get; set; }

    /// <summary>How often the registry calls /health. Seconds, not the lab's 10 s, so that a demo shows a failure at once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Consul:Registration:CheckInterval must be between 1 s (Consul's minimum) and 10 min.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one call of /health may take before the check counts as failed. A dead process refuses at once
    /// whatever this is; a generous value only keeps a busy machine's slow answers from flapping the check.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Consul:Registration:CheckTimeout must be between 100 ms and 1 min.")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an instance may stay critical before the registry removes it (one that crashed never deregisters).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Consul:Registration:DeregisterCriticalServiceAfter must be at least 1 min, Consul's minimum.")]
    public TimeSpan DeregisterCriticalServiceAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the process keeps serving after deregistering on shutdown, so that requests routed just before the
    /// registry's change reached every client still find it listening.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Consul:Registration:DrainDelay must be between 0 and 1 min.")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the registry is asked whether it still knows this instance (a restarted registry forgets it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Consul:Registration:VerifyInterval must be between 100 ms and 10 min.")]
    public TimeSpan VerifyInterval { get; set; } = TimeSpan.FromSeconds(2);
}
