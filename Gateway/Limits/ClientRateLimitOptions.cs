using System.ComponentModel.DataAnnotations;

namespace Exam3.Gateway.Limits;

/// <summary>A fixed-window limit on the requests one client address may send; off unless enabled.</summary>
internal sealed class ClientRateLimitOptions
{
    public const string Section = "Gateway:RateLimit";

    public bool Enabled { get; set; }

    /// <summary>Requests one client may send per window.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}
