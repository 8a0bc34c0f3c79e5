namespace Exam3.TestSupport;

/// <summary>Where browser tests save their pictures of pages.</summary>
public static class Screenshots
{
    /// <summary>Set to 1 to replace the README's pictures in docs/screenshots with this run's.</summary>
    public const string UpdateVariable = "EXAM3_UPDATE_SCREENSHOTS";

    /// <summary>
    /// The file for the picture <paramref name="name"/>: next to the test assembly, or in docs/screenshots when asked,
    /// since an ordinary test run must leave the checkout as it found it.
    /// </summary>
    public static string PathOf(string name)
    {
        var folder = Environment.GetEnvironmentVariable(UpdateVariable) == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{name}.png");
    }
}
