namespace Exam3.Hosting.Testing;

/// <summary>What a test changes in the testing builder's defaults (Aspire's DistributedApplicationTestingBuilderOptions).</summary>
public sealed class DistributedApplicationTestingBuilderOptions
{
    /// <summary>Serve the dashboard (on free ports, with its browser-token login) for tests that drive it in a browser.</summary>
    public bool EnableDashboard { get; set; }
}
