namespace Exam3.EndToEnd.Tests;

/// <summary>What a test asks the registry, through Consul's HTTP API.</summary>
internal static class Registry
{
    /// <summary>The IDs of the instances of <paramref name="service"/> whose checks pass (GET /v1/health/service/:service?passing).</summary>
    public static async Task<IReadOnlySet<string>> PassingInstancesAsync(HttpClient registry, string service, CancellationToken cancellationToken) =>
        (await registry.GetFromJsonAsync<List<HealthEntry>>($"/v1/health/service/{service}?passing", cancellationToken) ?? [])
            .Select(entry => entry.Service.ID).ToHashSet();

    /// <summary>Every registered instance of <paramref name="service"/>, passing or not, with its checks.</summary>
    public static async Task<IReadOnlyList<HealthEntry>> InstancesAsync(HttpClient registry, string service, CancellationToken cancellationToken) =>
        await registry.GetFromJsonAsync<List<HealthEntry>>($"/v1/health/service/{service}", cancellationToken) ?? [];

    /// <summary>The check the instance registered itself with, "service:&lt;ID&gt;", if the registry has it.</summary>
    public static CheckEntry? ServiceCheck(HealthEntry entry) =>
        entry.Checks.SingleOrDefault(check => check.CheckID == $"service:{entry.Service.ID}");

    internal sealed record HealthEntry(ServiceEntry Service, IReadOnlyList<CheckEntry> Checks);

    internal sealed record ServiceEntry(string ID, string Service, string Address, int Port);

    internal sealed record CheckEntry(string CheckID, string Status, string Notes, string Output);
}
