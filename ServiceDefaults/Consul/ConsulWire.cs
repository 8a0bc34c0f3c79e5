namespace Exam3.ServiceDefaults.Consul;

// The parts of Consul's response shapes that Exam3 reads (reference/consul-api.md §2); unknown fields are ignored.

internal sealed record HealthServiceEntry(HealthNode? Node, HealthService? Service, IReadOnlyList<HealthCheck>? Checks);

internal sealed record HealthNode(string? Node, string? Address);

internal sealed record HealthService(
    string? ID,
    string? Service,
    IReadOnlyList<string>? Tags,
    string? Address,
    int Port,
    IReadOnlyDictionary<string, string>? Meta);

internal sealed record HealthCheck(string? CheckID, string? Name, string? Status, string? Output, string? ServiceID);
