namespace Exam3.LoadBalancer.Haproxy;

/// <summary>Finds the haproxy binary the way a shell would, plus the sbin folders Debian installs it in.</summary>
internal static class HaproxyExecutable
{
    // A non-root user's PATH often lacks the sbin folders, where Debian's package puts haproxy.
    private static readonly string[] SbinFolders = ["/usr/sbin", "/usr/local/sbin"];

    public static string? Find(string nameOrPath)
    {
        if (nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SbinFolders);
        return folders.Select(folder => Path.Combine(folder, nameOrPath)).FirstOrDefault(File.Exists);
    }
}
