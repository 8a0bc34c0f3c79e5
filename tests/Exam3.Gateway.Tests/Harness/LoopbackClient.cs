using System.Net.Sockets;

namespace Exam3.Gateway.Tests.Harness;

/// <summary>
/// An HttpClient whose connections leave from a loopback address of the test's choosing (any of 127.0.0.0/8), so the
/// gateway takes it for a client of its own: with its own rate-limit partition, untouched by other clients' requests.
/// </summary>
internal static class LoopbackClient
{
    public static HttpClient From(IPAddress source, Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
}
