using System.Globalization;

namespace Exam3.Bench.Propagation;

/// <summary>Prints the rounds as a Markdown table for bench/RESULTS.md.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<RoundResult> results, IReadOnlyList<Target> targets)
    {
        Console.WriteLine($"| scenario | replica | registry saw it (ms after the signal) | {string.Join(" | ", targets.Select(t => $"{t.Name}: ms after the registry"))} | failed requests ({string.Join(", ", targets.Select(t => t.Name))}) |");
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
