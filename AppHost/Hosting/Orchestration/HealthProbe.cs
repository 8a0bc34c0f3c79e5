using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting.Orchestration;

/// <summary>The AppHost-side HTTP health check of one replica (Aspire's WithHttpHealthCheck): GET the path, 2xx is healthy.</summary>
internal sealed class HealthProbe : IDisposable
{
    // Quick while unhealthy, so that what waits for the replica starts soon after it is ready; relaxed once healthy.
    private static readonly TimeSpan UnhealthyInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HealthyInterval = TimeSpan.FromSeconds(2);

    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Probes <paramref name="path"/> of <paramref name="endpoint"/> until cancelled, reporting each change of health.</summary>
    public async Task MonitorAsync(ReplicaEndpoint endpoint, string path, Action<HealthStatus> onChange, CancellationToken cancellationToken)
    {
        // The replica starts out unhealthy; only a change from that is news.
        var last = HealthStatus.Unhealthy;
        var target = new Uri(endpoint.Uri, path);
        while (!cancellationToken.IsCancellationRequested)
        {
            var status = await ProbeAsync(target, cancellationToken);
            if (status != last && !cancellationToken.IsCancellationRequested)
            {
                onChange(status);
                last = status;
            }

            try
            {
                await Task.Delay(status == HealthStatus.Healthy ? HealthyInterval : UnhealthyInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<HealthStatus> ProbeAsync(Uri target, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(target, cancellationToken);
            return response.IsSuccessStatusCode ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return HealthStatus.Unhealthy;
        }
    }
}
