namespace Exam3.Discovery.Registry;

/// <summary>How a check runs: what it probes, how often and with what timeout, and its TTL and reaping settings.</summary>
internal sealed record CheckDefinition
{
    public string Http { get; init; } = "";

    public string Method { get; init; } = "";

    public ImmutableSortedDictionary<string, ImmutableArray<string>> Header { get; init; } =
        ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty;

    public string Body { get; init; } = "";

    public bool DisableRedirects { get; init; }

    public bool TlsSkipVerify { get; init; }

    public string Tcp { get; init; } = "";

    public TimeSpan Interval { get; init; }

    public TimeSpan Timeout { get; init; }

    public TimeSpan Ttl { get; init; }

    public TimeSpan DeregisterCriticalServiceAfter { get; init; }

    public int SuccessBeforePassing { get; init; }

    public int FailuresBeforeWarning { get; init; }

    public int FailuresBeforeCritical { get; init; }

    /// <summary>How much of a probe's answer is kept as Output; Consul's default is 4 KiB.</summary>
    public int OutputMaxSize { get; init; } = 4096;

    /// <summary>Consul's check type names, as HealthCheck.Type reports them.</summary>
    public string Type =>
        Http.Length > 0 ? "http"
        : Tcp.Length > 0 ? "tcp"
        : Ttl > TimeSpan.Zero ? "ttl"
        : "";
}
