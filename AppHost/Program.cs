using Exam3.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

builder.AddProject<Projects.Exam3_Operations>("operations")
    .WithReplicas(3)
    .WithHttpHealthCheck("/health");

builder.Build().Run();

/// <summary>The AppHost's entry point; the testing harness runs it to capture the topology it declares.</summary>
public partial class Program;
