using System.Net.Sockets;
using System.Text;

namespace Exam3.LoadBalancer.Haproxy;

/// <summary>
/// HAProxy's runtime API on its admin stats socket: moves servers between replicas and in and out of maintenance
/// without a reload, so no connection is dropped. One command per connection (HAProxy's non-interactive mode).
/// </summary>
internal sealed class HaproxyRuntimeApi(string socketPath)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Sends one command and returns HAProxy's whole answer.</summary>
    public async Task<string> SendAsync(string command, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CommandTimeout);
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), deadline.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(deadline.Token);
        }
        catch (Exception error) when (error is SocketException or IOException
            || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new HaproxyException($"HAProxy's runtime API at {socketPath} did not answer '{command}': {error.Message}", error);
        }
    }

    /// <summary>Points a slot at its replica and lets traffic in, or puts a free slot into maintenance.</summary>
    public async Task SetSlotAsync(string backend, BackendSlot slot, CancellationToken cancellationToken)
    {
        var server = $"{backend}/{slot.Server}";
        if (slot.Member is { } member)
        {
            // Answers "IP changed from ..." or "no need to change ..."; anything else is a refusal.
            var moved = await SendAsync($"set server {server} addr {member.Address} port {member.Port}", cancellationToken);
            if (!moved.Contains("changed", StringComparison.Ordinal) && !moved.Contains("no need to change", StringComparison.Ordinal))
            {
                throw new HaproxyException($"HAProxy refused to point {server} at {member.Endpoint}: {moved.Trim()}");
            }

            await ExpectSilenceAsync($"set server {server} state ready", cancellationToken);
        }
        else
        {
            // Maintenance sends no new request there; the connections it has finish undisturbed.
            await ExpectSilenceAsync($"set server {server} state maint", cancellationToken);
        }
    }

    /// <summary>The servers of <paramref name="backend"/>, in configuration order.</summary>
    public async Task<IReadOnlyList<ServerStatus>> ShowServersAsync(string backend, CancellationToken cancellationToken) =>
        ServerStatus.ParseCsv(await SendAsync($"show stat {backend} 4 -1", cancellationToken));

    private async Task ExpectSilenceAsync(string command, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(command, cancellationToken);
        if (!string.IsNullOrWhiteSpace(answer))
        {
            throw new HaproxyException($"HAProxy refused '{command}': {answer.Trim()}");
        }
    }
}
