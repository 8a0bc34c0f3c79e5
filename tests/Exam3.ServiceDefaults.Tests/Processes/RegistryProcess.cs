using System.Net.Http.Json;
using System.Text.Json;

namespace Exam3.ServiceDefaults.Tests.Processes;

/// <summary>A real Exam3.Discovery process, with the few reads of its Consul API that the tests make.</summary>
internal sealed class RegistryProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ProjectProcess _process;
    private readonly HttpClient _http;

    private RegistryProcess(ProjectProcess process)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>http://127.0.0.1:port/, what services get as ConnectionStrings__consul.</summary>
    public Uri Address => _process.BaseAddress;

    /// <summary>Starts the registry on <paramref name="port"/> (a free one when null) and waits until it answers.</summary>
    public static async Task<RegistryProcess> StartAsync(int? port = null)
    {
        var process = ProjectProcess.Start("consul", "Services/Discovery", "Exam3.Discovery", port, log: TestLog.Line);
        await process.WaitForHttpAsync("/v1/status/leader", StartTimeout);
        return new RegistryProcess(process);
    }

    /// <summary>GET /v1/agent/services/: the instance <paramref name="id"/> as the agent lists it, or null.</summary>
    public async Task<JsonElement?> AgentServiceAsync(string id)
    {
        var services = await _http.GetFromJsonAsync<Dictionary<string, JsonElement>>("v1/agent/services", Cancellation);
        return services!.TryGetValue(id, out var service) ? service : null;
    }

    /// <summary>GET /v1/agent/checks: the checks of instance <paramref name="id"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> AgentChecksAsync(string id)
    {
        var checks = await _http.GetFromJsonAsync<Dictionary<string, JsonElement>>("v1/agent/checks", Cancellation);
        return [.. checks!.Values.Where(check => check.GetProperty("ServiceID").GetString() == id)];
    }

    /// <summary>GET /v1/health/service/:name?passing: the IDs of the instances whose checks all pass.</summary>
    public async Task<IReadOnlySet<string>> PassingIdsAsync(string service)
    {
        var entries = await _http.GetFromJsonAsync<JsonElement[]>($"v1/health/service/{service}?passing", Cancellation);
        return entries!.Select(entry => entry.GetProperty("Service").GetProperty("ID").GetString()!).ToHashSet();
    }

    /// <summary>PUT /v1/agent/service/register, as a service would.</summary>
    public async Task RegisterAsync(object registration)
    {
        using var response = await _http.PutAsJsonAsync("v1/agent/service/register", registration, JsonSerializerOptions.Default, Cancellation);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>SIGKILL: the registry dies with everything it knew.</summary>
    public void Kill() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }
}
