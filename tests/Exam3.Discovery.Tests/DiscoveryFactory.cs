using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Exam3.Discovery.Tests;

/// <summary>
/// The registry in memory. Consul's reaping minimum (1m), reap interval (30s) and minimum check interval (1s)
/// are shortened so that tests see reaping and probing in well under a second of registry time.
/// </summary>
public class DiscoveryFactory : WebApplicationFactory<Program>
{
    public const string NodeName = "test-node";

    /// <summary>The largest request body the registry takes in the tests.</summary>
    public const int BodyLimit = 64 * 1024;

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Discovery:NodeName", NodeName);
        builder.UseSetting("Discovery:DeregisterCriticalServiceAfterMinimum", "00:00:00.5");
        builder.UseSetting("Discovery:ReapInterval", "00:00:00.2");
        builder.UseSetting("Discovery:MinimumCheckInterval", "00:00:00.1");
        builder.UseSetting("Discovery:MaxRequestBodyBytes", BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>The registry started with a management token: ACLs on, writes need the token.</summary>
public sealed class AclDiscoveryFactory : DiscoveryFactory
{
    public const string Token = "b1gs33cr3t-management-token";

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Discovery:ManagementToken"] = Token };
}
