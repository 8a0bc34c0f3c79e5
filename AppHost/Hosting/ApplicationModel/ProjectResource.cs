namespace Exam3.Hosting.ApplicationModel;

/// <summary>A .NET project of the solution, started from its built assembly with <c>dotnet</c>: no compiler runs at start.</summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name)
{
    public IProjectMetadata Project { get; } = project;

    public override string Type => "Project";

    public override string Source => Project.ProjectPath;

    internal override ProcessLaunch CreateLaunch(ReplicaEndpoint endpoint) =>
        new("dotnet", [Project.AssemblyPath], Path.GetDirectoryName(Project.AssemblyPath)!);
}
