namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>A test class of the dashboard's collection: its tests share the one distribution started with the dashboard.</summary>
[Collection(DashboardDistribution.Name)]
public abstract class DashboardTests;
