namespace Exam3.Hosting.Testing;

/// <summary>Linux's process table as tests need it: to prove that no child outlives the AppHost.</summary>
public static class ChildProcesses
{
    /// <summary>The pids whose parent is <paramref name="processId"/>, from /proc/&lt;pid&gt;/task/*/children.</summary>
    public static IReadOnlyList<int> Of(int processId)
    {
        var tasks = $"/proc/{processId}/task";
        return Directory.Exists(tasks)
            ? [.. Directory.GetDirectories(tasks)
                .Select(task => Path.Combine(task, "children"))
                .Where(File.Exists)
                .SelectMany(file => File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(int.Parse)]
            : [];
    }

    /// <summary>True while a process with this pid exists and is not a zombie.</summary>
    public static bool IsAlive(int processId)
    {
        var status = $"/proc/{processId}/status";
        try
        {
            return File.Exists(status) && !File.ReadAllLines(status).Any(line => line.StartsWith("State:", StringComparison.Ordinal) && line.Contains('Z', StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
