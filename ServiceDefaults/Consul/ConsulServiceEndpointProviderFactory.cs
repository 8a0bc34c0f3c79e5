using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.ServiceDiscovery;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// Plugs the registry into Microsoft.Extensions.ServiceDiscovery, beside the configuration provider, so that
/// "http://operations" resolves to the passing instances of "operations".
/// </summary>
internal sealed class ConsulServiceEndpointProviderFactory(ConsulWatches watches, ILogger<ConsulServiceEndpointProvider> logger)
    : IServiceEndpointProviderFactory
{
    public bool TryCreateProvider(ServiceEndpointQuery query, [NotNullWhen(true)] out IServiceEndpointProvider? provider)
    {
        provider = IsForRegistry(query)
            ? new ConsulServiceEndpointProvider(query.ServiceName, watches.HealthyInstances(query.ServiceName), logger)
            : null;
        return provider is not null;
    }

    /// <summary>
    /// Only plain service names ("operations") are looked up in the registry. Anything with a dot, an IP address or
    /// localhost is a real host: asking the registry about it would start a watch that lives for the whole process.
    /// Consul has one port per instance, so named endpoints ("_grpc.operations") are not its to answer, and the
    /// instances register their http listener, so a query that allows only https is not either.
    /// </summary>
    internal static bool IsForRegistry(ServiceEndpointQuery query) =>
        string.IsNullOrEmpty(query.EndpointName)
        && (query.IncludedSchemes.Count == 0 || query.IncludedSchemes.Contains(Uri.UriSchemeHttp, StringComparer.OrdinalIgnoreCase))
        && query.ServiceName.Length is > 0 and <= 63
        && !query.ServiceName.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        && query.ServiceName.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && !query.ServiceName.All(char.IsAsciiDigit);
}
