using System.Text.RegularExpressions;

namespace Exam3.Discovery;

/// <summary>
/// Consul's own command line, <c>agent -dev -client=0.0.0.0 -node=consul …</c>, read as the registry's settings, so
/// that an image of the registry runs with the arguments the AppHost gives the <c>hashicorp/consul</c> image.
/// </summary>
internal static partial class ConsulAgentArguments
{
    private const string AgentCommand = "agent";

    // What a dev agent needs and the registry has no part of (DNS, gRPC, gossip, RPC, logging): accepted, then ignored.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "dev", "ui", "bind", "advertise", "log-level", "dns-port", "grpc-port", "grpc-tls-port",
        "serf-lan-port", "serf-wan-port", "server-port",
    };

    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "dev", "ui" };

    /// <summary>
    /// The arguments for the host builder: unchanged unless they start with <c>agent</c>; then <c>-client</c> and
    /// <c>-http-port</c> become the listening URL, <c>-node</c> and <c>-datacenter</c> the node's. An unknown flag
    /// fails as Consul fails, naming it.
    /// </summary>
    public static string[] Translate(string[] args)
    {
        if (args is not [AgentCommand, .. var flags])
        {
            return args;
        }

        // Consul's defaults in -dev mode: the HTTP API on 127.0.0.1:8500.
        var client = "127.0.0.1";
        var httpPort = "8500";
        var settings = new List<string>();
        for (var index = 0; index < flags.Length; index++)
        {
            var (name, value) = Split(flags[index]);
            if (value is null && !Switches.Contains(name))
            {
                value = index + 1 < flags.Length ? flags[++index] : throw Invalid($"flag needs an argument: -{name}");
            }

            switch (name)
            {
                case "client":
                    client = value!;
                    break;
                case "http-port":
                    httpPort = int.TryParse(value, out var port) && port is > 0 and < 65536 ? value! : throw Invalid($"invalid value \"{value}\" for flag -http-port");
                    break;
                case "node":
                    settings.Add($"--{DiscoveryOptions.Section}:{nameof(DiscoveryOptions.NodeName)}={value}");
                    break;
                case "datacenter":
                    settings.Add($"--{DiscoveryOptions.Section}:{nameof(DiscoveryOptions.Datacenter)}={value}");
                    break;
                case "hcl":
                    settings.Add($"--{DiscoveryOptions.Section}:{nameof(DiscoveryOptions.ManagementToken)}={ManagementToken(value!)}");
                    break;
                case var ignored when Ignored.Contains(ignored):
                    break;
                default:
                    throw Invalid($"flag provided but not defined: -{name}");
            }
        }

        // -client takes a space-separated list of addresses, as Consul's does.
        var urls = client.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(address => $"http://{Bracketed(address)}:{httpPort}");
        return [$"--urls={string.Join(';', urls)}", .. settings];
    }

    // The one piece of agent configuration the registry has: ACLs on, deny by default, and the management token, as
    // `acl { enabled = true default_policy = "deny" tokens { initial_management = "…" agent = "…" } }`.
    private static string ManagementToken(string hcl)
    {
        var match = AclBlock().Match(hcl);
        return match.Success
            ? match.Groups["token"].Value
            : throw Invalid($"-hcl: only acl {{ enabled = true default_policy = \"deny\" tokens {{ initial_management = \"…\" }} }} is supported, not: {hcl}");
    }

    [GeneratedRegex("""^\s*acl\s*\{\s*enabled\s*=\s*true\s+default_policy\s*=\s*"deny"\s+tokens\s*\{\s*initial_management\s*=\s*"(?<token>[^"]+)"(\s+agent\s*=\s*"[^"]*")?\s*\}\s*\}\s*$""")]
    private static partial Regex AclBlock();

    private static (string Name, string? Value) Split(string flag)
    {
        // Go's flag package takes -name and --name alike, with =value or the next argument.
        var trimmed = flag.StartsWith("--", StringComparison.Ordinal) ? flag[2..] : flag.StartsWith('-') ? flag[1..] : throw Invalid($"unexpected argument: {flag}");
        return trimmed.IndexOf('=') is var equals and >= 0 ? (trimmed[..equals], trimmed[(equals + 1)..]) : (trimmed, null);
    }

    private static string Bracketed(string address) => address.Contains(':') && !address.StartsWith('[') ? $"[{address}]" : address;

    private static ArgumentException Invalid(string message) => new($"consul agent: {message}");
}
