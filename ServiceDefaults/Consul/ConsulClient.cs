using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// The few calls of Consul's HTTP API that Exam3 makes. Written by hand because no Consul client package is
/// available here; it sends only fields real Consul accepts, so it works against Exam3.Discovery and Consul alike.
/// </summary>
public sealed class ConsulClient : IDisposable
{
    /// <summary>Marks requests to the registry so that telemetry can leave the steady polling out of traces.</summary>
    public static readonly HttpRequestOptionsKey<bool> RegistryRequest = new("Exam3.ConsulRequest");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly ConsulOptions _options;

    public ConsulClient(IOptions<ConsulOptions> options)
    {
        _options = options.Value;
        // Its own handler, not IHttpClientFactory: the default resilience handler's 10 s attempt timeout would cut
        // every blocking query, and service discovery must not try to resolve the registry through the registry.
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        {
            BaseAddress = _options.Address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The registry's address.</summary>
    public Uri Address => _options.Address;

    /// <summary>PUT /v1/agent/service/register: adds or replaces an instance.</summary>
    public async Task RegisterServiceAsync(ServiceRegistration registration, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Put, "v1/agent/service/register");
        request.Content = JsonContent.Create(registration, options: Json);
        using var response = await SendAsync(request, TimeSpan.FromSeconds(10), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>PUT /v1/agent/service/deregister/:id. False when the registry did not know the instance.</summary>
    // Newer agents answer 404 for an unknown ID; for a deregistration that means "already gone".
    public Task<bool> DeregisterServiceAsync(string serviceId, CancellationToken cancellationToken) =>
        SendForInstanceAsync(HttpMethod.Put, $"v1/agent/service/deregister/{Uri.EscapeDataString(serviceId)}", cancellationToken);

    /// <summary>GET /v1/agent/service/:id: whether this agent still knows the instance.</summary>
    public Task<bool> IsServiceRegisteredAsync(string serviceId, CancellationToken cancellationToken) =>
        SendForInstanceAsync(HttpMethod.Get, $"v1/agent/service/{Uri.EscapeDataString(serviceId)}", cancellationToken);

    /// <summary>A request about one instance: false when the agent answers 404 (it does not know it), else true.</summary>
    private async Task<bool> SendForInstanceAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = NewRequest(method, path);
        using var response = await SendAsync(request, TimeSpan.FromSeconds(10), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>
    /// GET /v1/health/service/:name?passing as a blocking query: answers when the set changes after
    /// <paramref name="index"/> (0 answers at once), or after the wait runs out.
    /// </summary>
    public async Task<ConsulResponse<HealthyInstances>> GetHealthyInstancesAsync(string service, ulong index, CancellationToken cancellationToken)
    {
        var entries = await GetHealthEntriesAsync(service, passingOnly: true, index, cancellationToken);
        return new(new HealthyInstances(service, [.. entries.Value.Select(entry => ToInstance(entry.Node!, entry.Service!))]), entries.Index);
    }

    /// <summary>
    /// GET /v1/health/service/:name as a blocking query: every instance, passing or not, with all its checks
    /// (the node's included, as they count towards its health).
    /// </summary>
    public async Task<ConsulResponse<ServiceHealth>> GetServiceHealthAsync(string service, ulong index, CancellationToken cancellationToken)
    {
        var entries = await GetHealthEntriesAsync(service, passingOnly: false, index, cancellationToken);
        var instances = entries.Value
            .Select(entry => new InstanceHealth(
                ToInstance(entry.Node!, entry.Service!),
                [.. (entry.Checks ?? []).Select(check => new InstanceCheck(check.CheckID ?? "", check.Name ?? "", check.Status ?? "", check.Output ?? ""))
                    .OrderBy(check => check.CheckId, StringComparer.Ordinal)]))
            .ToList();
        return new(new ServiceHealth(service, instances), entries.Index);
    }

    /// <summary>GET /v1/catalog/services as a blocking query: every service name with its tags.</summary>
    public async Task<ConsulResponse<CatalogServices>> GetCatalogServicesAsync(ulong index, CancellationToken cancellationToken)
    {
        var services = await BlockingGetAsync<Dictionary<string, List<string>?>>("v1/catalog/services", index, cancellationToken);
        var byName = services.Value.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<string>)(pair.Value ?? []),
            StringComparer.Ordinal);
        return new(new CatalogServices(byName), services.Index);
    }

    public void Dispose() => _http.Dispose();

    // Consul reorders entries when it filters on ?passing; sorting keeps equal answers equal.
    private async Task<ConsulResponse<List<HealthServiceEntry>>> GetHealthEntriesAsync(
        string service, bool passingOnly, ulong index, CancellationToken cancellationToken)
    {
        var path = $"v1/health/service/{Uri.EscapeDataString(service)}{(passingOnly ? "?passing=1" : "")}";
        var entries = await BlockingGetAsync<List<HealthServiceEntry>>(path, index, cancellationToken);
        var valid = entries.Value
            .Where(entry => entry.Service is { ID: not null } && entry.Node is not null)
            .OrderBy(entry => entry.Node!.Node, StringComparer.Ordinal)
            .ThenBy(entry => entry.Service!.ID, StringComparer.Ordinal)
            .ToList();
        return new(valid, entries.Index);
    }

    private async Task<ConsulResponse<T>> BlockingGetAsync<T>(string pathAndQuery, ulong index, CancellationToken cancellationToken)
    {
        var wait = _options.BlockingQueryWait;
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var url = index == 0
            ? pathAndQuery
            : $"{pathAndQuery}{separator}index={index.ToString(CultureInfo.InvariantCulture)}&wait={(long)wait.TotalMilliseconds}ms";

        using var request = NewRequest(HttpMethod.Get, url);
        // Consul adds up to wait/16 of jitter to a blocking query; allow for it before calling the registry silent.
        using var response = await SendAsync(request, wait + (wait / 16) + TimeSpan.FromSeconds(5), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);

        var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new ConsulException(response.StatusCode, url, "the response body was null");
        return new(value, ReadIndex(response));
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        request.Options.Set(RegistryRequest, true);
        if (!string.IsNullOrEmpty(_options.Token))
        {
            request.Headers.Add("X-Consul-Token", _options.Token);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _http.SendAsync(request, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Consul at {_options.Address} did not answer {request.Method} /{request.RequestUri} within {timeout.TotalSeconds:0.#} s.");
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ConsulException(response.StatusCode, $"{response.RequestMessage?.Method} /{response.RequestMessage?.RequestUri}", error);
        }
    }

    // Consul never sends 0 and says any client may treat a missing or bad index as 1.
    private static ulong ReadIndex(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Consul-Index", out var values)
        && ulong.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index > 0
            ? index
            : 1;

    // Consul leaves Service.Address empty when the instance listens on its node's address.
    private static RegisteredInstance ToInstance(HealthNode node, HealthService service) => new(
        service.ID!,
        service.Service ?? "",
        node.Node ?? "",
        string.IsNullOrEmpty(service.Address) ? node.Address ?? "" : service.Address,
        service.Port,
        service.Tags ?? [],
        service.Meta ?? new Dictionary<string, string>());
}
