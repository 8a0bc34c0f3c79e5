using System.Net.Sockets;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>What this process tells the registry about itself: where it listens, and the registration built from it.</summary>
public static class SelfRegistration
{
    /// <summary>The Meta key carrying the instance's version.</summary>
    public const string VersionMeta = "version";

    /// <summary>The Meta key carrying the instance's name.</summary>
    public const string InstanceMeta = "instance";

    /// <summary>The tag prefix by which a registration claims a public route on the gateway, the Fabio way.</summary>
    public const string RouteTagPrefix = "urlprefix-";

    private const string LoopbackAddress = "127.0.0.1";

    /// <summary>
    /// The address and port to register, from the addresses the server really listens on (after start, so port 0 is
    /// resolved): http before https; a host name or a wildcard becomes <paramref name="address"/>, else 127.0.0.1,
    /// because Consul rejects 0.0.0.0 and a check needs an address it can call. The listener on
    /// <paramref name="checkAddress"/> serves the registry's check only. Null when nothing listens.
    /// </summary>
    public static Uri? AdvertisedUri(IEnumerable<string> listening, string? address, string? checkAddress = null)
    {
        var bound = listening
            .Select(ListenUrls.Parse)
            .OfType<Uri>()
            .Where(uri => string.IsNullOrWhiteSpace(checkAddress) || uri.Host.Trim('[', ']') != checkAddress.Trim().Trim('[', ']'))
            .OrderBy(uri => uri.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .FirstOrDefault();
        if (bound is null)
        {
            return null;
        }

        var host = string.IsNullOrWhiteSpace(address) ? SpecificHostOrLoopback(bound.Host) : address.Trim();
        return new UriBuilder(bound.Scheme, host, bound.Port).Uri;
    }

    /// <summary>The registration of one instance: name, ID, address, port, tags, meta and an HTTP check on its health endpoint.</summary>
    public static ServiceRegistration Describe(
        string serviceName,
        string instanceId,
        string version,
        Uri advertised,
        string healthPath,
        ConsulRegistrationOptions options) => new()
        {
            Name = serviceName,
            Id = instanceId,
            // Consul wants the bare address; UriBuilder keeps an IPv6 literal's brackets in Host.
            Address = advertised.Host.Trim('[', ']'),
            Port = advertised.Port,
            Tags = [.. options.Tags.Where(tag => !string.IsNullOrWhiteSpace(tag)).Select(tag => tag.Trim()).Distinct(StringComparer.Ordinal)],
            Meta = new Dictionary<string, string>
            {
                [VersionMeta] = version,
                [InstanceMeta] = instanceId,
            },
            Check = new ServiceCheck
            {
                // Consul lets the check's URL differ from the service's address: what the registry can reach may not be
                // what clients on this machine use (a registry in a container).
                Http = new Uri(string.IsNullOrWhiteSpace(options.CheckAddress) ? advertised : WithHost(advertised, options.CheckAddress), healthPath).ToString(),
                Interval = GoDuration.Format(options.CheckInterval),
                Timeout = GoDuration.Format(options.CheckTimeout),
                DeregisterCriticalServiceAfter = GoDuration.Format(options.DeregisterCriticalServiceAfter),
            },
        };

    /// <summary>
    /// The "urls" setting (ASPNETCORE_URLS) with, after each http(s) URL that names a port, the same URL on
    /// <paramref name="checkAddress"/>: where the registry's check calls this process.
    /// </summary>
    public static string WithCheckListeners(string urls, string checkAddress)
    {
        var configured = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var listeners = configured
            .SelectMany(url => ListenUrls.Parse(url) is { } uri ? [url, WithHost(uri, checkAddress).ToString().TrimEnd('/')] : new[] { url })
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return string.Join(';', listeners);
    }

    /// <summary>
    /// The status a new registration's check starts with: what the registry's own HTTP check would conclude from the
    /// health endpoint now. The endpoint answers 200 for Degraded as for Healthy, and 503 for Unhealthy.
    /// </summary>
    public static string InitialCheckStatus(HealthStatus health) => health == HealthStatus.Unhealthy ? "critical" : "passing";

    private static Uri WithHost(Uri uri, string host)
    {
        var trimmed = host.Trim();
        var bracketed = trimmed.Contains(':') && !trimmed.StartsWith('[') ? $"[{trimmed}]" : trimmed;
        return new UriBuilder(uri.Scheme, bracketed, uri.Port).Uri;
    }

    private static string SpecificHostOrLoopback(string host)
    {
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            // "localhost", or another name, which Kestrel binds to every interface: loopback reaches both.
            return LoopbackAddress;
        }

        var wildcard = ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any);
        return wildcard ? LoopbackAddress : ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
    }
}
