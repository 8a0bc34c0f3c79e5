namespace Exam3.EndToEnd.Tests;

public sealed class LaunchTests(DistributionFixture fixture) : SharedDistributionTests(fixture)
{
    [Fact]
    public async Task EveryProjectRunsFromItsBuildOutputWithoutADotnetRunWrapper()
    {
        (string Resource, int Replicas, string Assembly)[] projects =
        [
            ("consul", 1, "Exam3.Discovery.dll"),
            (Distribution.Operations, Distribution.ReplicaCount, "Exam3.Operations.dll"),
            ("gateway", 1, "Exam3.Gateway.dll"),
            ("lb", 1, "Exam3.LoadBalancer.dll"),
        ];

        foreach (var (resource, count, assembly) in projects)
        {
            foreach (var replica in await Replicas.HealthyAsync(App, resource, count, Cancellation))
            {
                var commandLine = File.ReadAllText($"/proc/{replica.ProcessId}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(
                    commandLine is [_, "exec", var path] && Path.GetFileName(path) == assembly && File.Exists(path),
                    $"{replica.Name} runs `{string.Join(' ', commandLine)}`, not `dotnet exec …/{assembly}`.");
            }
        }
    }
}
