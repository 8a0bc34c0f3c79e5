using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenTelemetry.Resources;

namespace Exam3.ServiceDefaults;

/// <summary>
/// Who this process is: its service name, instance name and version, the same for telemetry, the registry and the app.
/// </summary>
public sealed class ServiceInstance : IResourceDetector
{
    private const string InstanceIdAttribute = "service.instance.id";

    private readonly IConfiguration _configuration;
    private readonly IServiceProvider _services;
    private readonly Lazy<string> _id;

    public ServiceInstance(IConfiguration configuration, IHostEnvironment environment, IServiceProvider services)
    {
        _configuration = configuration;
        _services = services;
        _id = new Lazy<string>(ResolveId);

        ServiceName = NonEmpty(configuration["OTEL_SERVICE_NAME"]) ?? environment.ApplicationName;
        Version = ReadVersion();
    }

    /// <summary>The logical service name: OTEL_SERVICE_NAME (the AppHost's resource name), else the application name.</summary>
    public string ServiceName { get; }

    /// <summary>
    /// The instance name, which is also its ID in the registry: the replica's name as Aspire's dashboard shows it,
    /// "&lt;service&gt;-&lt;service.instance.id&gt;" (Aspire sets only the random suffix in OTEL_RESOURCE_ATTRIBUTES);
    /// without that attribute, the machine name with the configured port, else with the process id. Resolved once, on
    /// first use (telemetry asks before Kestrel binds, so a port chosen at bind time is not known yet), so every reader
    /// sees the same name.
    /// </summary>
    public string Id => _id.Value;

    /// <summary>The informational version of the entry assembly.</summary>
    public string Version { get; }

    /// <summary>When this process started.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>How long this process has been running.</summary>
    public TimeSpan Uptime => DateTimeOffset.UtcNow - StartedAt;

    // The attribute Aspire set stays as it is: the dashboard joins it to the service name to name the replica.
    Resource IResourceDetector.Detect() =>
        new([new KeyValuePair<string, object>(InstanceIdAttribute, InstanceIdFromResourceAttributes(_configuration["OTEL_RESOURCE_ATTRIBUTES"]) ?? Id)]);

    private string ResolveId() =>
        InstanceIdFromResourceAttributes(_configuration["OTEL_RESOURCE_ATTRIBUTES"]) is { } instance
            ? ReplicaName(ServiceName, instance)
            : $"{Environment.MachineName.ToLowerInvariant()}-{ListeningPort() ?? Environment.ProcessId}";

    /// <summary>A replica's name from its service's name and its service.instance.id, as Aspire names replicas.</summary>
    public static string ReplicaName(string serviceName, string instanceId) =>
        instanceId.StartsWith($"{serviceName}-", StringComparison.Ordinal) ? instanceId : $"{serviceName}-{instanceId}";

    /// <summary>Reads service.instance.id from an OTEL_RESOURCE_ATTRIBUTES value ("key=value,key=value").</summary>
    public static string? InstanceIdFromResourceAttributes(string? attributes)
    {
        foreach (var pair in (attributes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && pair[..separator].Trim() == InstanceIdAttribute)
            {
                return NonEmpty(Uri.UnescapeDataString(pair[(separator + 1)..].Trim()));
            }
        }

        return null;
    }

    // The bound address wins (it is real even for port 0); before the server starts, the configured URL is the best guess.
    private int? ListeningPort()
    {
        var bound = (_services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var configured = (_configuration["ASPNETCORE_URLS"] ?? _configuration["urls"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        return (bound ?? []).Concat(configured).Select(url => ListenUrls.Parse(url)?.Port).FirstOrDefault(port => port > 0);
    }

    private static string ReadVersion()
    {
        var assembly = Assembly.GetEntryAssembly();
        var informational = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Drop the "+commit" build metadata the SDK appends; the version alone is what a reader wants.
        return informational?.Split('+')[0] ?? assembly?.GetName().Version?.ToString() ?? "0.0.0";
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
