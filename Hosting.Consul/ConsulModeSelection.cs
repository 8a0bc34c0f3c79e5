using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Which way the Consul agent runs on this machine, and why: <c>Consul:Mode</c>, or what auto found.</summary>
internal sealed record ConsulModeSelection(ConsulMode Mode, string Reason, string? ConsulBinary, string Image)
{
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

    // Only an image already on the machine counts: a machine without a network must still start, on the next mode.
    private static ConsulModeSelection Auto(IConfiguration configuration, string? binary, string image)
    {
        var engine = ContainerEngine.From(configuration);
        if (engine.HasImage(image))
        {
            return new(ConsulMode.Container, $"Consul:Mode=auto: {engine.Name} answers and has the image {image}", binary, image);
        }

        return binary is not null
            ? new(ConsulMode.Binary, $"Consul:Mode=auto: no container engine with the image {image}; consul binary {binary}", binary, image)
            : new(ConsulMode.Embedded, $"Consul:Mode=auto: no container engine with the image {image}, no consul binary on PATH or in CONSUL_BINARY", binary, image);
    }

    private static string? FindConsulBinary(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? ContainerEngine.FindOnPath("consul") : File.Exists(configured) ? configured : null;

    private static string ConsulBinaryPlaces(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? "CONSUL_BINARY is not set and PATH has none" : $"CONSUL_BINARY names {configured}, which does not exist";
}
