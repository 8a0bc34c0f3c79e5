namespace Exam3.TestSupport;

/// <summary>Where the repository and the built projects are, found from the test's own output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding Exam3.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The build configuration the tests run in, so that product binaries match it.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>
    /// The built entry assembly of a project of the solution, e.g. ("Services/Discovery", "Exam3.Discovery").
    /// Test projects reference the projects they start, so building the tests builds them.
    /// </summary>
    public static string ProjectAssembly(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{assemblyName} is not built at {path}; build the solution in {Configuration} first.", path);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Exam3.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Exam3.sln above {AppContext.BaseDirectory}.");
    }
}
