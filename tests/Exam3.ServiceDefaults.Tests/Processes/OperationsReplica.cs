using System.Net.Http.Json;

namespace Exam3.ServiceDefaults.Tests.Processes;

/// <summary>A real Exam3.Operations process, named and pointed at a registry the way the AppHost does it.</summary>
internal static class OperationsReplica
{
    public const string ServiceName = "operations";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// Starts replica <paramref name="instanceId"/> registering with <paramref name="registry"/>, and waits until it
    /// serves. A drain longer than the default leaves the tests time to watch it; a longer check interval keeps the
    /// registry from checking it for a while. It runs in <paramref name="workingDirectory"/>, by default its output folder,
    /// with <paramref name="settings"/> added to its environment.
    /// </summary>
    public static async Task<ProjectProcess> StartAsync(
        Uri registry,
        string instanceId,
        TimeSpan? drain = null,
        bool register = true,
        TimeSpan? checkInterval = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["OTEL_SERVICE_NAME"] = ServiceName,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}",
            ["ConnectionStrings__consul"] = registry.ToString().TrimEnd('/'),
            ["Consul__Registration__DrainDelay"] = (drain ?? TimeSpan.FromSeconds(2)).ToString("c"),
            ["Consul__Registration__Enabled"] = register ? "true" : "false",
            ["Consul__Registration__CheckInterval"] = (checkInterval ?? TimeSpan.FromSeconds(2)).ToString("c"),
        };
        var process = ProjectProcess.Start(
            instanceId, "Services/Operations", "Exam3.Operations", environment: environment, log: TestLog.Line, workingDirectory: workingDirectory);
        await process.WaitForHttpAsync("/health", TimeSpan.FromSeconds(30));
        return process;
    }

    /// <summary>
    /// What a process answers to GET /health: "200" when it serves and is healthy, else the status and body or the
    /// connection error, so that a failing assertion says which.
    /// </summary>
    public static async Task<string> HealthAsync(ProjectProcess process)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(process.BaseAddress, "/health"), Cancellation);
            return response.IsSuccessStatusCode
                ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancellation)}";
        }
        catch (HttpRequestException error)
        {
            return $"{error.GetType().Name}: {error.Message} {error.InnerException?.Message}";
        }
    }

    /// <summary>Which instance answered GET /info through <paramref name="client"/>.</summary>
    public static async Task<string> InstanceAnsweringAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var info = await client.GetFromJsonAsync<InstanceName>("http://operations/info", cancellationToken);
        return info!.Instance;
    }

    private sealed record InstanceName(string Instance);
}
