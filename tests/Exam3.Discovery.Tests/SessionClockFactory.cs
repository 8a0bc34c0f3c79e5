using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exam3.Discovery.Tests;

/// <summary>The registry on a clock the test moves, so that session TTLs and lock delays run out without waiting.</summary>
public sealed class SessionClockFactory : DiscoveryFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The registry on the real clock with Consul's session TTL minimum lowered to half a second.</summary>
public sealed class ShortSessionFactory : DiscoveryFactory
{
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Discovery:SessionTtlMinimum"] = "00:00:00.5" };
}
