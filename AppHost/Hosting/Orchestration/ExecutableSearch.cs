namespace Exam3.Hosting.Orchestration;

/// <summary>Finds programs the way a shell does, so that "is consul installed?" has the answer a user expects.</summary>
internal static class ExecutableSearch
{
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
