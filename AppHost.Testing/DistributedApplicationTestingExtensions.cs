using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting.Testing;

/// <summary>What a test does with a running distribution: reach a resource by name, wait for it, stop, kill or restart it.</summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>The URL of a single-replica resource or of one replica (http://127.0.0.1:port/).</summary>
    public static Uri GetEndpoint(this DistributedApplication app, string name)
    {
        var replicas = app.ResourceNotifications.Find(name);
        return replicas.Count == 1
            ? replicas[0].Urls[0]
            : throw new ArgumentException(
                $"'{name}' has {replicas.Count} replicas ({string.Join(", ", replicas.Select(replica => replica.Name))}); name one of them.",
                nameof(name));
    }

    /// <summary>
    /// The link that logs a browser in to the dashboard (/login?t=token, or its root when it is unsecured), as Aspire's
    /// GetDashboardUrlAsync; the distribution must be started with <see cref="DistributedApplicationTestingBuilderOptions.EnableDashboard"/>.
    /// </summary>
    public static Uri GetDashboardLoginUrl(this DistributedApplication app) =>
        (app.Services.GetService(typeof(HostedDashboard)) as HostedDashboard)?.LoginUrl
            ?? throw new InvalidOperationException("The dashboard is not running: start the distribution with EnableDashboard.");

    /// <summary>An HttpClient whose BaseAddress is the endpoint of <paramref name="name"/>; the caller disposes it.</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string name) =>
        new() { BaseAddress = app.GetEndpoint(name), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Waits until every replica named <paramref name="name"/> is healthy, or fails after <paramref name="timeout"/> saying what it is doing.</summary>
    public static async Task<IReadOnlyList<ResourceSnapshot>> WaitForResourceHealthyAsync(
        this DistributedApplication app,
        string name,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            return await app.ResourceNotifications.WaitForResourceHealthyAsync(name, bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{name}' was not healthy within {timeout.TotalSeconds:0.#} s: {Describe(app.ResourceNotifications.Find(name))}.");
        }
    }

    /// <summary>Waits until every replica of the distribution is healthy, or fails after <paramref name="timeout"/> naming the laggards.</summary>
    public static async Task WaitForAllHealthyAsync(this DistributedApplication app, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        foreach (var resource in app.Model.Resources)
        {
            await app.WaitForResourceHealthyAsync(resource.Name, timeout, cancellationToken);
        }
    }

    /// <summary>Waits until the replicas named <paramref name="name"/> satisfy <paramref name="condition"/>, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<ResourceSnapshot>> WaitForResourceAsync(
        this DistributedApplication app,
        string name,
        Func<IReadOnlyList<ResourceSnapshot>, bool> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            return await app.ResourceNotifications.WaitForResourceAsync(name, condition, bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{name}' did not reach the expected state within {timeout.TotalSeconds:0.#} s: {Describe(app.ResourceNotifications.Find(name))}.");
        }
    }

    /// <summary>The console output of one replica, for a failing test's message.</summary>
    public static string ConsoleText(this DistributedApplication app, string replicaName) =>
        string.Join(Environment.NewLine, app.ResourceLogs.GetLines(replicaName).Select(line => line.Text));

    private static string Describe(IEnumerable<ResourceSnapshot> replicas) =>
        string.Join("; ", replicas.Select(replica => $"{replica.Name} is {replica.StateText}{(replica.Error is null ? "" : $" ({replica.Error})")}"));
}
