using Microsoft.AspNetCore.Builder;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Where a service reads its appsettings.json. The host's default is the working directory, so a service started from
/// anywhere else (cd /tmp; dotnet /path/Exam3.Operations.dll) silently ran without its configuration.
/// </summary>
public static class ContentRoot
{
    /// <summary>
    /// The options every Exam3 service builds with: its content root is the folder it was built or published to, unless
    /// it runs from its own project folder (dotnet run, Aspire's DCP) or a content root is given (--contentRoot,
    /// DOTNET_CONTENTROOT, ASPNETCORE_CONTENTROOT).
    /// </summary>
    public static WebApplicationOptions OptionsFor(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Choose(args, Environment.CurrentDirectory, AppContext.BaseDirectory),
    };

    /// <summary>The content root to set, or null to keep the host's default, the working directory.</summary>
    internal static string? Choose(string[] args, string workingDirectory, string baseDirectory)
    {
        // Read the way the host reads it, so an explicit choice is never overridden.
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(given) || IsOwnFolder(workingDirectory, baseDirectory))
        {
            return null;
        }

        return baseDirectory;
    }

    // Its own folders: the output folder, which holds the copies of appsettings.json, and the project folder, whose bin/
    // holds the output: there the source file is read, so that an edit under dotnet run or dotnet watch needs no rebuild.
    private static bool IsOwnFolder(string workingDirectory, string baseDirectory)
    {
        var working = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory));
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory));
        return output == working || output.StartsWith(Path.Combine(working, "bin") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
