using System.Collections.Concurrent;
using System.Net;

namespace Exam3.Gateway.Routing;

/// <summary>
/// The registry's own address, which no route may lead to, whatever a registration says: an instance registered there
/// would put the registry's API, KV writes included, behind the gateway for every client. An address counts as the
/// addresses it names, so that localhost is 127.0.0.1 and ::1; an unspecified one (0.0.0.0) is every address.
/// </summary>
internal sealed class RegistryEndpoint(IOptions<ConsulOptions> consul)
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _resolved = new(StringComparer.OrdinalIgnoreCase);

    public bool IsRegistry(RegisteredInstance instance)
    {
        var registry = consul.Value.Address;
        return instance.Port == registry.Port && AddressesOf(instance.Address).Intersect(AddressesOf(registry.Host)).Any();
    }

    private IPAddress[] AddressesOf(string host) => _resolved.GetOrAdd(host.Trim('[', ']'), Resolve);

    // Routes are rebuilt only when the registry changes, and the names met here are local ones: resolving is cheap.
    private static IPAddress[] Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? [IPAddress.Loopback, IPAddress.IPv6Loopback, address] : [address];
        }

        // RFC 6761: localhost is the loopback addresses of both families, whatever /etc/hosts lists.
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        try
        {
            return Dns.GetHostAddresses(host);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return [];
        }
    }
}
