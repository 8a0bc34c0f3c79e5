using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Exam3.LoadBalancer;

/// <summary>The "LoadBalancer" section: which service HAProxy balances, where it listens, where its files live.</summary>
internal sealed class LoadBalancerOptions
{
    public const string Section = "LoadBalancer";

    /// <summary>The registry's service whose passing instances form the backend.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]*$", ErrorMessage = "LoadBalancer:Service must be a service name (letters, digits, '-', '_', '.').")]
    public string Service { get; set; } = "operations";

    /// <summary>HAProxy's frontend, ip:port; the lab's load balancer answers here.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Frontend { get; set; } = "127.0.0.1:8081";

    /// <summary>Server slots the backend starts with; it grows (doubling, with a graceful reload) when they run out.</summary>
    [Range(1, 4096, ErrorMessage = "LoadBalancer:Slots must be between 1 and 4096.")]
    public int Slots { get; set; } = 8;

    /// <summary>Where haproxy.cfg and the runtime API socket live; by default a folder of its own under the temp folder.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>The haproxy executable: a path, or a name looked up on PATH and in the sbin folders.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Haproxy { get; set; } = "haproxy";

    public IPEndPoint FrontendEndPoint => IPEndPoint.Parse(Frontend);

    /// <summary>True when nobody chose the folder, so that it is this process's to remove on exit.</summary>
    public bool OwnsStateDirectory => string.IsNullOrWhiteSpace(StateDirectory);

    public string StateDirectoryPath => OwnsStateDirectory
        ? Path.Combine(Path.GetTempPath(), $"{Backend.StaleStateFolders.Prefix}{Environment.ProcessId}")
        : Path.GetFullPath(StateDirectory!);

    public string ConfigurationPath => Path.Combine(StateDirectoryPath, "haproxy.cfg");

    public string SocketPath => Path.Combine(StateDirectoryPath, "haproxy.sock");
}
