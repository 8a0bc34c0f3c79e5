Exam3.AppHost.InterruptSignal.StopIgnoring();

var builder = DistributedApplication.CreateBuilder(args);

// Every project runs as `dotnet exec` of what the build produced, without a `dotnet run` process beside it.
builder.RunProjectsFromBuildOutput();

// The registry: Consul in a container, a consul binary, or the embedded Exam3.Discovery (Consul:Mode, auto by default).
var consul = builder.AddConsul<Projects.Exam3_Discovery>("consul", port: 8500);

// Three replicas; each registers its own address in the registry with an HTTP check on /health.
var operations = builder.AddProject<Projects.Exam3_Operations>("operations", launchProfileName: null)
    .WithHttpEndpoint()
    .WithReplicas(3)
    .WithReference(consul)
    .WaitFor(consul)
    .WithHttpHealthCheck("/health")
    .WithMaintenanceCommands(consul);

// The API gateway finds the replicas through the registry only: it does not reference operations.
builder.AddProject<Projects.Exam3_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: 8080)
    .WithReference(consul)
    .WaitFor(operations)
    .WithHttpHealthCheck("/health");

// The lab's load balancer: HAProxy on 8081, kept equal to the registry's passing replicas.
builder.AddLabLoadBalancer<Projects.Exam3_LoadBalancer>("lb", port: 8081, consul, operations);

builder.Build().Run();
