using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Exam3.TestSupport;

/// <summary>
/// Ports nobody is listening on, so parallel runs never collide. They come from the kernel's ephemeral range, which the
/// AppHost's own picks for replicas stay below, so a test's port and a distribution's never meet.
/// </summary>
public static class FreePort
{
    // Once a port is released, the kernel may give it to the very next bind(0): a test starting two servers, or a
    // server and a port meant to refuse connections, must not get it twice.
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>Asks the kernel for a free loopback port never handed out before in this process, and releases it at once.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }
    }
}
