using System.Net;
using System.Net.Sockets;

namespace Exam3.TestSupport;

/// <summary>Ports nobody is listening on, so parallel runs never collide.</summary>
public static class FreePort
{
    /// <summary>Asks the kernel for a free loopback port and releases it at once.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
