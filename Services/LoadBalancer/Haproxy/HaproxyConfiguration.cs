using System.Text;

namespace Exam3.LoadBalancer.Haproxy;

/// <summary>
/// Renders haproxy.cfg the way consul-template would, from the slot table: every slot is a server line, a free one
/// disabled. The file always equals what the runtime API has set, so a reload or a restart starts where HAProxy was.
/// </summary>
internal static class HaproxyConfiguration
{
    public const string FrontendName = "lb";

    // A placeholder address for free slots; they are in maintenance, so nothing is ever sent there.
    private const string FreeSlotEndpoint = "127.0.0.1:1";

    public static string Render(LoadBalancerOptions options, SlotTable table)
    {
        var backend = options.Service;
        var text = new StringBuilder();
        text.AppendLine($"# Rendered by Exam3.LoadBalancer from the registry's passing instances of '{backend}'.");
        text.AppendLine("# Rewritten atomically on every change; changes reach HAProxy through its runtime API, and only");
        text.AppendLine("# a larger pool of server slots reloads it (gracefully).");
        text.AppendLine($"""
            global
                stats socket {options.SocketPath} mode 600 level admin expose-fd listeners
                stats timeout 30s
                # Bounds how long a worker replaced by a reload keeps serving its last connections.
                hard-stop-after 10s

            defaults
                mode http
                # A replica that is gone refuses at once; a short connect timeout covers one that hangs.
                timeout connect 500ms
                timeout client 30s
                timeout server 30s
                # Generous for a replica busy on a loaded machine; a dead one refuses the check at once anyway.
                timeout check 2s
                # A failed attempt is retried on another replica, so that a killed replica costs no request.
                retries 3
                option redispatch 1
                retry-on conn-failure empty-response response-timeout

            frontend {FrontendName}
                bind {options.FrontendEndPoint}
                default_backend {backend}

            backend {backend}
                balance roundrobin
                option httpchk GET /health
                http-check expect status 200
                # HAProxy's own checks notice a dead replica before the registry does: three failures 250 ms apart.
                default-server check inter 1s fastinter 250ms downinter 1s fall 3 rise 1
            """);

        foreach (var slot in table.Slots)
        {
            text.AppendLine(slot.Member is { } member
                ? $"    server {slot.Server} {member.Endpoint}  # {member.InstanceId}"
                : $"    server {slot.Server} {FreeSlotEndpoint} disabled  # free");
        }

        return text.ToString();
    }
}
