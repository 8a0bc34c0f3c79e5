using Exam3.AppHost.DashboardHosting;
using Exam3.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

builder.AddDashboard();

var consul = builder.AddConsulRegistry<Projects.Exam3_Discovery>("consul");

var operations = builder.AddProject<Projects.Exam3_Operations>("operations")
    .WithReference(consul)
    .WaitFor(consul)
    .WithReplicas(3)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Exam3_Gateway>("gateway")
    .WithReference(consul)
    .WithReference(operations)
    .WaitFor(operations)
    .WithHttpEndpoint(port: 8080)
    .WithHttpHealthCheck("/health");

// The lab's load balancer: HAProxy on 8081, kept in sync with the registry; only where haproxy is installed.
if (DistributedApplicationBuilder.IsInstalled("haproxy"))
{
    builder.AddProject<Projects.Exam3_LoadBalancer>("lb")
        .WithReference(consul)
        .WaitFor(operations)
        .WithEndpointVariable("lb", port: 8081, variable: "LoadBalancer__Frontend")
        .WithHttpHealthCheck("/health");
}

builder.Build().Run();

/// <summary>The AppHost's entry point; the testing harness runs it to capture the topology it declares.</summary>
public partial class Program;
