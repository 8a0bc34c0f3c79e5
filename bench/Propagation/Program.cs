using Exam3.Bench.Propagation;
using Exam3.ServiceDefaults.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Measures how fast a change in the registry reaches the gateway, HAProxy and a client resolving http://operations
// through Microsoft.Extensions.ServiceDiscovery, against a running distribution; the registry's token comes from
// CONSUL_HTTP_TOKEN. Usage: dotnet run --project bench/Propagation -c Release -- [registry] [gateway] [lb] [rounds]
var registry = new Uri(args.ElementAtOrDefault(0) ?? "http://127.0.0.1:8500");
var token = Environment.GetEnvironmentVariable("CONSUL_HTTP_TOKEN");
var rounds = int.Parse(args.ElementAtOrDefault(3) ?? "3", System.Globalization.CultureInfo.InvariantCulture);

// A process's HttpClient exactly as AddServiceDefaults() wires it (it does not register itself).
var discovering = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
discovering.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["OTEL_SERVICE_NAME"] = "bench-client",
    ["ConnectionStrings:consul"] = registry.ToString(),
    ["CONSUL_HTTP_TOKEN"] = token,
});
discovering.AddServiceDefaults();
using var host = discovering.Build();
await host.StartAsync();

using var direct = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1) }) { Timeout = TimeSpan.FromSeconds(5) };
var targets = new[]
{
    new Target("gateway", new Uri((args.ElementAtOrDefault(1) ?? "http://127.0.0.1:8080") + "/api/operations/add?a=1&b=2"), direct),
    new Target("haproxy", new Uri((args.ElementAtOrDefault(2) ?? "http://127.0.0.1:8081") + "/add?a=1&b=2"), direct),
    new Target("client", new Uri("http://operations/add?a=1&b=2"), host.Services.GetRequiredService<IHttpClientFactory>().CreateClient()),
};

var results = new List<RoundResult>();
await using (var experiment = await PropagationExperiment.StartAsync(registry, token, targets))
{
    for (var round = 1; round <= rounds; round++)
    {
        results.AddRange(await experiment.MaintenanceRoundAsync(round));
    }

    results.Add(await experiment.StopAsync(ProcessSignals.SigKill, pick: 0));
    results.Add(await experiment.StopAsync(ProcessSignals.SigTerm, pick: 0));
}

await host.StopAsync();
Report.Print(results, targets);
