using System.Net;
using System.Net.Sockets;
using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting.Orchestration;

/// <summary>Checks fixed ports before anything starts and hands out free ones that no other resource of this run holds.</summary>
internal sealed class PortAllocator
{
    // Aspire's range for replica ports: below Linux's ephemeral range (32768+), so an outgoing connection of some other
    // process cannot take the port between its allocation here and the replica's bind.
    private const int RangeStart = 10000;
    private const int RangeEnd = 32767;

    private readonly HashSet<int> _given = [];
    private readonly Lock _lock = new();

    /// <summary>Claims <paramref name="port"/> for <paramref name="resource"/>, failing with how to change it if it is busy.</summary>
    public int Fixed(int port, string resource)
    {
        lock (_lock)
        {
            if (_given.Contains(port) || !IsFree(port))
            {
                throw new DistributedApplicationException(
                    $"Port {port} for '{resource}' is already in use on {ReplicaEndpoint.Host}. Stop whatever holds it, or choose " +
                    $"another port: --Ports:{resource}=<port> on the command line, or Ports__{resource}=<port> in the environment.");
            }

            _given.Add(port);
            return port;
        }
    }

    /// <summary>A port nobody listens on, from Aspire's non-ephemeral range, never one given before in this run.</summary>
    public int Free()
    {
        lock (_lock)
        {
            while (true)
            {
                var port = Random.Shared.Next(RangeStart, RangeEnd + 1);
                if (!_given.Contains(port) && IsFree(port))
                {
                    _given.Add(port);
                    return port;
                }
            }
        }
    }

    /// <summary>Any free loopback port the kernel picks, for helper ports nobody else needs to know.</summary>
    public static int AnyFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
