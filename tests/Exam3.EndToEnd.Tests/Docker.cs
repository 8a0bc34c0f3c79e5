using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Exam3.EndToEnd.Tests;

/// <summary>The Docker engine the container-mode tests run the registry on, asked through its client with a deadline.</summary>
internal static class Docker
{
    /// <summary>The image docker/build-registry-image.sh builds: Exam3.Discovery where hashicorp/consul would run.</summary>
    public const string RegistryImage = "exam3/discovery:local";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Why the container-mode tests cannot run here, or null when they can.</summary>
    public static async Task<string?> WhyNotAvailableAsync(CancellationToken cancellationToken)
    {
        (int ExitCode, string Output, string Error) info;
        try
        {
            info = await RunAsync(["info", "--format", "{{.ServerVersion}}"], cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "docker is not installed (.ci/run installs docker.io and starts dockerd).";
        }

        if (info.ExitCode != 0)
        {
            return $"the Docker engine does not answer; start dockerd (as root: dockerd &). docker info: {info.Error.Trim()}";
        }

        return (await RunAsync(["image", "inspect", RegistryImage], cancellationToken)).ExitCode != 0
            ? $"the image {RegistryImage} is not built; run docker/build-registry-image.sh."
            : null;
    }

    /// <summary>Whether the engine lists a running container with this ID (docker ps).</summary>
    public static async Task<bool> IsRunningAsync(string containerId, CancellationToken cancellationToken) =>
        (await RunAsync(["ps", "--quiet", "--no-trunc", "--filter", $"id={containerId}"], cancellationToken)).Output.Trim().Length > 0;

    /// <summary>Whether the engine still has a container with this ID, running or not (docker ps --all).</summary>
    public static async Task<bool> ExistsAsync(string containerId, CancellationToken cancellationToken) =>
        (await RunAsync(["ps", "--all", "--quiet", "--no-trunc", "--filter", $"id={containerId}"], cancellationToken)).Output.Trim().Length > 0;

    /// <summary>The image a container runs.</summary>
    public static async Task<string> ImageOfAsync(string containerId, CancellationToken cancellationToken) =>
        (await RunAsync(["inspect", "--format", "{{.Config.Image}}", containerId], cancellationToken)).Output.Trim();

    /// <summary>The host's address on the engine's default bridge (docker0's own), where a container reaches this machine.</summary>
    public static async Task<string> BridgeGatewayAsync(CancellationToken cancellationToken)
    {
        var bridge = (await RunAsync(["network", "inspect", "bridge", "--format", "{{index .Options \"com.docker.network.bridge.name\"}}"], cancellationToken)).Output.Trim();
        return NetworkInterface.GetAllNetworkInterfaces().Single(network => network.Name == bridge).GetIPProperties().UnicastAddresses
            .First(unicast => unicast.Address.AddressFamily == AddressFamily.InterNetwork).Address.ToString();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var docker = Process.Start(start) ?? throw new InvalidOperationException("docker did not start.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CommandTimeout);
        var output = docker.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = docker.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await docker.WaitForExitAsync(deadline.Token);
            return (docker.ExitCode, await output, await error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            docker.Kill(entireProcessTree: true);
            return (-1, "", $"docker {string.Join(' ', arguments)} did not answer within {CommandTimeout.TotalSeconds:0} s.");
        }
    }
}
