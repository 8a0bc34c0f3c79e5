using System.ComponentModel.DataAnnotations;

namespace Exam3.Hosting;

/// <summary>How the AppHost runs its resources: section "AppHost" of the configuration (command line, environment, appsettings).</summary>
public sealed class AppHostOptions
{
    public const string Section = "AppHost";

    /// <summary>Every port free instead of the fixed defaults, as Aspire's DcpPublisher:RandomizePorts; the testing harness sets it.</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>How long a resource waits for what it WaitFor()s to be healthy before it fails to start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a process has after SIGTERM (to deregister, drain) before it is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest pause between restarts of a process that keeps crashing; the first restart waits 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Leave the dashboard out, as Aspire's testing builder does by default.</summary>
    public bool DisableDashboard { get; set; }

    /// <summary>Echo each resource's console output in the terminal, prefixed by its name, and print the start-up summary.</summary>
    public bool EchoConsole { get; set; } = true;

    /// <summary>
    /// The OTLP endpoint given to every resource as OTEL_EXPORTER_OTLP_ENDPOINT (gRPC), Aspire's ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL;
    /// unset, the resources export no telemetry.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }
}
