using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>
/// The container engine's client (docker, or the one ASPIRE_CONTAINER_RUNTIME names, as DCP chooses it), asked short
/// questions while the application model is built: Aspire has no public API that says whether an engine is there.
/// </summary>
internal sealed class ContainerEngine(string runtime)
{
    private const string BridgeTemplate = "{{range .IPAM.Config}}{{.Gateway}}{{end}}|{{index .Options \"com.docker.network.bridge.name\"}}";

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    public string Name => runtime;

    public static ContainerEngine From(IConfiguration configuration) =>
        new(configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } named ? named : "docker");

    /// <summary>Whether the engine answers and already has <paramref name="image"/>: nothing is pulled.</summary>
    public bool HasImage(string image) => Ask("image", "inspect", "--format", "{{.Id}}", image) is not null;

    /// <summary>
    /// The address of this machine on the engine's default bridge, which Docker's <c>host-gateway</c> names: a container
    /// on any of the engine's networks reaches the host there. Null when the engine does not say.
    /// </summary>
    public string? HostGateway()
    {
        // A network that names its gateway answers with it; Docker's default bridge names only its interface (docker0),
        // whose own address is the gateway.
        if (Ask("network", "inspect", "bridge", "--format", BridgeTemplate)?.Split('|') is not [var gateway, var bridge])
        {
            return null;
        }

        return gateway.Length > 0
            ? gateway
            : NetworkInterface.GetAllNetworkInterfaces()
                .FirstOrDefault(network => network.Name == bridge)?.GetIPProperties().UnicastAddresses
                .FirstOrDefault(unicast => unicast.Address.AddressFamily == AddressFamily.InterNetwork)?.Address.ToString();
    }

    /// <summary>The engine's answer, trimmed; null when it is not installed, fails, says nothing or takes too long.</summary>
    private string? Ask(params string[] arguments)
    {
        if (FindOnPath(runtime) is not { } engine)
        {
            return null;
        }

        try
        {
            using var query = Process.Start(new ProcessStartInfo(engine, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (query is null)
            {
                return null;
            }

            // One line of output at most: the pipes cannot fill up and block the engine's client.
            if (!query.WaitForExit(QueryTimeout))
            {
                query.Kill(entireProcessTree: true);
                return null;
            }

            var answer = query.StandardOutput.ReadToEnd().Trim();
            return query.ExitCode == 0 && answer.Length > 0 ? answer : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
