using System.Globalization;
using System.Net.Http.Json;
using Exam3.TestSupport.Hostile;

namespace Exam3.Discovery.Tests.Hostile;

/// <summary>
/// The registry as a real process (its resident memory is the kernel's figure, not the test's), sent a warm-up and
/// then the hostile run once for the class; it records resident memory after the warm-up and after the run, once the
/// state the run wrote is deleted again and the memory has stopped falling.
/// </summary>
public sealed class RegistryHostileFixture : IAsyncLifetime
{
    public const int Requests = 1_500;
    public const int WarmUpRequests = 300;
    public const int BodyLimit = 1024 * 1024;

    public static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(25);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(10);

    private ProjectProcess _registry = null!;

    public HttpClient Client { get; private set; } = null!;

    public HostileReport Report { get; private set; } = null!;

    public long ResidentAfterWarmUp { get; private set; }

    public long ResidentAtPeak { get; private set; }

    public long ResidentAfterRun { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = Cancellation;
        _registry = ProjectProcess.Start("consul", "Services/Discovery", "Exam3.Discovery", environment: new Dictionary<string, string?>
        {
            ["Discovery__NodeName"] = DiscoveryFactory.NodeName,
            ["Discovery__MaxRequestBodyBytes"] = BodyLimit.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await _registry.WaitForHttpAsync("/v1/status/leader", StartTimeout);
        Client = new HttpClient { BaseAddress = _registry.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        // The warm-up takes the first-request costs (JIT, pools, the filter selectors) out of the comparison.
        await HostileRequest.SendAllAsync(Client, RegistryHostileGrammar.Generate(seed: 1, WarmUpRequests, BodyLimit), RunLimit, cancellationToken);
        await DeleteWrittenStateAsync(cancellationToken);
        ResidentAfterWarmUp = await SettledResidentAsync(cancellationToken);

        Report = await HostileRequest.SendAllAsync(Client, RegistryHostileGrammar.Generate(seed: 15, Requests, BodyLimit), RunLimit, cancellationToken);
        ResidentAtPeak = Resident(_registry.Id);
        await DeleteWrittenStateAsync(cancellationToken);
        ResidentAfterRun = await SettledResidentAsync(cancellationToken);
    }

    public bool HasExited => _registry.HasExited;

    /// <summary>What the registry logged at warning level or above.</summary>
    public IReadOnlyList<string> Output => _registry.Output;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _registry.DisposeAsync();
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status, in bytes.</summary>
    public static long Resident(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    // Values and registrations the run stored legitimately are state, not a leak: they go before memory is compared.
    private async Task DeleteWrittenStateAsync(CancellationToken cancellationToken)
    {
        (await Client.DeleteAsync(new Uri("/v1/kv/?recurse", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode();
        var services = await Client.GetFromJsonAsync<Dictionary<string, JsonElement>>("/v1/agent/services", cancellationToken) ?? [];
        foreach (var id in services.Keys)
        {
            (await Client.PutAsync(new Uri("/v1/agent/service/deregister/" + Uri.EscapeDataString(id), UriKind.Relative), null, cancellationToken)).EnsureSuccessStatusCode();
        }

        var checks = await Client.GetFromJsonAsync<Dictionary<string, JsonElement>>("/v1/agent/checks", cancellationToken) ?? [];
        foreach (var id in checks.Keys)
        {
            (await Client.PutAsync(new Uri("/v1/agent/check/deregister/" + Uri.EscapeDataString(id), UriKind.Relative), null, cancellationToken)).EnsureSuccessStatusCode();
        }

        var sessions = await Client.GetFromJsonAsync<JsonElement[]>("/v1/session/list", cancellationToken) ?? [];
        foreach (var session in sessions)
        {
            (await Client.PutAsync(new Uri("/v1/session/destroy/" + session.GetProperty("ID").GetString(), UriKind.Relative), null, cancellationToken)).EnsureSuccessStatusCode();
        }
    }

    // The collector returns memory in its own time: poll until the figure stops falling, bounded in time.
    private async Task<long> SettledResidentAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + SettleLimit;
        var last = Resident(_registry.Id);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = Resident(_registry.Id);
            if (now >= last)
            {
                return Math.Min(now, last);
            }

            last = now;
        }

        return last;
    }
}
