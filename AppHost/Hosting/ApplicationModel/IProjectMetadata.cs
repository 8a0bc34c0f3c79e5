namespace Exam3.Hosting.ApplicationModel;

/// <summary>
/// A .NET project of the solution, as the AppHost's generated <c>Projects.*</c> classes describe it (Aspire's IProjectMetadata).
/// </summary>
public interface IProjectMetadata
{
    /// <summary>The project file.</summary>
    string ProjectPath { get; }

    /// <summary>The built entry assembly, started with <c>dotnet &lt;assembly&gt;</c>: the AppHost's build built it.</summary>
    string AssemblyPath { get; }
}
