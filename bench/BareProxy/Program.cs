// The floor for a .NET proxy on this machine: YARP alone, round robin over fixed replicas, with no telemetry, no
// logging, no registry, no middleware of the gateway's. bench/throughput.sh measures it beside the gateway and HAProxy,
// so that what the gateway spends above it is its own and what remains below HAProxy is Kestrel's and YARP's.
// Usage: Exam3.Bench.BareProxy <listen url> <replica url>...
using Yarp.ReverseProxy.Configuration;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Exam3.Bench.BareProxy <listen url> <replica url>...");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args[0]);
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "replicas", Match = new RouteMatch { Path = "{**path}" } }],
    [new ClusterConfig
    {
        ClusterId = "replicas",
        LoadBalancingPolicy = "RoundRobin",
        Destinations = args.Skip(1).Select((url, index) => (url, index)).ToDictionary(
            replica => $"replica-{replica.index}", replica => new DestinationConfig { Address = replica.url }),
    }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
return 0;
