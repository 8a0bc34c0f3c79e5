using System.ComponentModel.DataAnnotations;

namespace Exam3.Dashboard;

/// <summary>How the dashboard's pages are served: address and browser login.</summary>
public sealed class DashboardFrontendOptions
{
    public const string SectionName = "Dashboard:Frontend";

    /// <summary>Where the pages are served; loopback by default, as Aspire's dashboard.</summary>
    [Required]
    public Uri Url { get; set; } = new("http://127.0.0.1:18888");

    /// <summary>BrowserToken (the default) asks for the token printed at start; Unsecured is for local use.</summary>
    public DashboardAuthMode AuthMode { get; set; } = DashboardAuthMode.BrowserToken;

    /// <summary>The login token; a fresh random one is made at start when none is configured.</summary>
    public string? BrowserToken { get; set; }
}

/// <summary>Whether the pages ask for the browser token.</summary>
public enum DashboardAuthMode
{
    BrowserToken,
    Unsecured,
}
