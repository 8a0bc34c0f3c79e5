namespace Exam3.Bench.Propagation;

/// <summary>A way to the replicas: the gateway, HAProxy or a discovering client, and the URL a client loops over.</summary>
internal sealed record Target(string Name, Uri Url, HttpClient Http);

/// <summary>One answer a client got: when, from which replica (null when it failed).</summary>
internal readonly record struct Served(DateTimeOffset At, string? Instance);

/// <summary>The figures of one round, in milliseconds, per target where the target matters.</summary>
internal sealed record RoundResult(
    string Scenario,
    string Replica,
    double RegistryMs,
    IReadOnlyDictionary<string, double?> TargetMs,
    IReadOnlyDictionary<string, int> FailedRequests);
