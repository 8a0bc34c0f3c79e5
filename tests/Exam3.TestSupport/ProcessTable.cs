using System.Globalization;

namespace Exam3.TestSupport;

/// <summary>
/// Linux's process table as /proc shows it, to find a process's children and to see whether they still run: how tests
/// prove that no child outlives what started it.
/// </summary>
public static class ProcessTable
{
    /// <summary>The processes whose parent is <paramref name="processId"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int processId) =>
        [.. ReadAll().Where(entry => entry.ParentId == processId).Select(entry => entry.Id)];

    /// <summary>Every descendant of <paramref name="processId"/> whose command name is <paramref name="command"/>.</summary>
    public static IReadOnlyList<int> DescendantsNamed(int processId, string command)
    {
        var table = ReadAll();
        var descendants = new List<Entry>();
        var parents = new HashSet<int> { processId };
        for (var grew = true; grew;)
        {
            var children = table.Where(entry => parents.Contains(entry.ParentId) && !parents.Contains(entry.Id)).ToList();
            descendants.AddRange(children);
            parents.UnionWith(children.Select(entry => entry.Id));
            grew = children.Count > 0;
        }

        return [.. descendants.Where(entry => entry.Command == command).Select(entry => entry.Id)];
    }

    /// <summary>False once the process is gone or a zombie: dead, only not yet reaped.</summary>
    public static bool IsRunning(int processId) => Read(processId) is { State: not 'Z' and not 'X' };

    private static List<Entry> ReadAll() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? Read(pid) : null)
            .OfType<Entry>()];

    private static Entry? Read(int processId)
    {
        try
        {
            // "pid (comm) state ppid ...": the command may hold spaces and parentheses, so split at the last ')'.
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return new Entry(processId, stat[(open + 1)..close], fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record Entry(int Id, string Command, char State, int ParentId);
}
