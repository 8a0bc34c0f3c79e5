using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting;

/// <summary>Declares the resources of the distribution: projects of the solution and programs of the machine.</summary>
public static class ResourceDeclarationExtensions
{
    /// <summary>A project of the solution, from the AppHost's generated <c>Projects.*</c> metadata.</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>A program found on PATH (or a path), its arguments computed from the replica's endpoint.</summary>
    public static IResourceBuilder<ExecutableResource> AddExecutable(
        this DistributedApplicationBuilder builder,
        string name,
        string command,
        string workingDirectory,
        Func<ReplicaEndpoint, IEnumerable<string>> arguments) =>
        builder.AddResource(new ExecutableResource(name, command, workingDirectory, arguments));
}
