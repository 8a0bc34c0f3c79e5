using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Which way the Consul agent runs on this machine, and why: <c>Consul:Mode</c>, or what auto found.</summary>
internal sealed record ConsulModeSelection(ConsulMode Mode, string Reason, string? ConsulBinary, string Image)
{
    private static readonly TimeSpan EngineQueryTimeout = TimeSpan.FromSeconds(5);

    public static ConsulModeSelection Choose(IConfiguration configuration)
    {
        var image = configuration["Consul:Image"] is { Length: > 0 } configured ? configured : $"{ConsulResource.DefaultImage}:{ConsulResource.DefaultTag}";
        var binary = FindConsulBinary(configuration["CONSUL_BINARY"]);
        var requested = configuration["Consul:Mode"] is { Length: > 0 } mode
            ? Enum.TryParse<ConsulMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new DistributedApplicationException(
                    $"Consul:Mode '{mode}' is not one of auto, container, binary, embedded.")
            : ConsulMode.Auto;

        return requested switch
        {
            ConsulMode.Container => new(requested, "Consul:Mode=container", binary, image),
            ConsulMode.Binary => binary is null
                ? throw new DistributedApplicationException(
                    $"Consul:Mode=binary, but no consul binary was found ({ConsulBinaryPlaces(configuration["CONSUL_BINARY"])}).")
                : new(requested, $"Consul:Mode=binary, {binary}", binary, image),
            ConsulMode.Embedded => new(requested, "Consul:Mode=embedded", binary, image),
            _ => Auto(configuration, binary, image),
        };
    }

    private static ConsulModeSelection Auto(IConfiguration configuration, string? binary, string image)
    {
        var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } named ? named : "docker";
        if (ImageIsPresent(runtime, image))
        {
            return new(ConsulMode.Container, $"Consul:Mode=auto: {runtime} answers and has the image {image}", binary, image);
        }

        return binary is not null
            ? new(ConsulMode.Binary, $"Consul:Mode=auto: no container engine with the image {image}; consul binary {binary}", binary, image)
            : new(ConsulMode.Embedded, $"Consul:Mode=auto: no container engine with the image {image}, no consul binary on PATH or in CONSUL_BINARY", binary, image);
    }

    // Only an image already on the machine counts: a machine without a network must still start, on the next mode.
    private static bool ImageIsPresent(string runtime, string image)
    {
        if (FindOnPath(runtime) is not { } engine)
        {
            return false;
        }

        try
        {
            using var inspect = Process.Start(new ProcessStartInfo(engine, ["image", "inspect", "--format", "{{.Id}}", image])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (inspect is null)
            {
                return false;
            }

            // One line of output at most: the pipes cannot fill up and block the engine's client.
            if (!inspect.WaitForExit(EngineQueryTimeout))
            {
                inspect.Kill(entireProcessTree: true);
                return false;
            }

            return inspect.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string? FindConsulBinary(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? FindOnPath("consul") : File.Exists(configured) ? configured : null;

    private static string ConsulBinaryPlaces(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? "CONSUL_BINARY is not set and PATH has none" : $"CONSUL_BINARY names {configured}, which does not exist";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
