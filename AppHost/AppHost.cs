using Microsoft.Extensions.Configuration;

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

// The two front doors, the gateway and HAProxy, bind their ports themselves: DCP's proxy in front of them cost more CPU
// per request than HAProxy's whole work (bench/RESULTS.md). Gateway:Port and LoadBalancer:Port move them (the tests do).
var gatewayPort = builder.Configuration.GetValue("Gateway:Port", 8080);
var loadBalancerPort = builder.Configuration.GetValue("LoadBalancer:Port", 8081);

// The API gateway finds the replicas through the registry only: it does not reference operations.
builder.AddProject<Projects.Exam3_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: gatewayPort, isProxied: false)
    .WithReference(consul)
    .WaitFor(operations)
    .WithHttpHealthCheck("/health");

// The lab's load balancer: HAProxy on 8081, kept equal to the registry's passing replicas.
builder.AddLabLoadBalancer<Projects.Exam3_LoadBalancer>("lb", loadBalancerPort, consul, operations);

builder.Build().Run();
