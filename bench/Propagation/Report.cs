using System.Globalization;

namespace Exam3.Bench.Propagation;

/// <summary>Prints the rounds as a Markdown table for bench/RESULTS.md.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<RoundResult> results, IReadOnlyList<Target> targets)
    {
        Console.WriteLine("Registry: ms from the action until the registry's passing set changed. Per target: when a replica left (maintenance");
        Console.WriteLine("on, SIGKILL, SIGTERM), ms from the registry dropping it to the last request the target still sent it (0: none);");
        Console.WriteLine("when it came back (maintenance off), ms from it passing again to its first request through the target.");
        Console.WriteLine("Failed: requests that failed from the action on.");
        Console.WriteLine();
        Console.WriteLine($"| scenario | replica | registry (ms) | {string.Join(" | ", targets.Select(t => $"{t.Name} (ms)"))} | failed ({string.Join(", ", targets.Select(t => t.Name))}) |");
        Console.WriteLine($"|---|---|---|{string.Concat(targets.Select(_ => "---|"))}---|");
        foreach (var result in results)
        {
            var perTarget = targets.Select(t => result.TargetMs.TryGetValue(t.Name, out var ms) && ms is { } value ? Ms(value) : "—");
            var failed = targets.Select(t => result.FailedRequests.GetValueOrDefault(t.Name).ToString(CultureInfo.InvariantCulture));
            Console.WriteLine($"| {result.Scenario} | {result.Replica} | {Ms(result.RegistryMs)} | {string.Join(" | ", perTarget)} | {string.Join(", ", failed)} |");
        }
    }

    private static string Ms(double milliseconds) => milliseconds.ToString("0", CultureInfo.InvariantCulture);
}
