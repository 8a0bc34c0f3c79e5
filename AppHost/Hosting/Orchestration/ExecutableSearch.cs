namespace Exam3.Hosting.Orchestration;

/// <summary>Finds programs the way a shell does, so that "is consul installed?" has the answer a user expects.</summary>
internal static class ExecutableSearch
{
    // A non-root user's PATH often lacks the sbin folders, where Debian installs daemons such as haproxy.
    private static readonly string[] SbinFolders = ["/usr/sbin", "/usr/local/sbin"];

    public static bool IsInstalled(string program) =>
        FindOnPath(program) is not null || SbinFolders.Any(folder => File.Exists(Path.Combine(folder, program)));

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
