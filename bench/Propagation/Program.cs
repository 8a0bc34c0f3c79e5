using Exam3.Bench.Propagation;

// Measures how fast a change in the registry reaches the gateway and HAProxy, against a running distribution.
// Usage: dotnet run --project bench/Propagation -c Release -- [registry] [gateway] [lb] [rounds]
var registry = new Uri(args.ElementAtOrDefault(0) ?? "http://127.0.0.1:8500");
var targets = new[]
{
    new Target("gateway", new Uri((args.ElementAtOrDefault(1) ?? "http://127.0.0.1:8080") + "/api/operations/add?a=1&b=2")),
    new Target("haproxy", new Uri((args.ElementAtOrDefault(2) ?? "http://127.0.0.1:8081") + "/add?a=1&b=2")),
};
var rounds = int.Parse(args.ElementAtOrDefault(3) ?? "3", System.Globalization.CultureInfo.InvariantCulture);

await using var experiment = await PropagationExperiment.StartAsync(registry, targets);
var results = new List<RoundResult>();
for (var round = 1; round <= rounds; round++)
{
    results.Add(await experiment.KillAndRestartAsync(round));
}

results.Add(await experiment.StopGracefullyAsync());
Report.Print(results, targets);
