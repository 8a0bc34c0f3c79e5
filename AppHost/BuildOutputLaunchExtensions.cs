using System.Reflection;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Starts .NET project resources from their build output instead of through <c>dotnet run</c>.</summary>
internal static class BuildOutputLaunchExtensions
{
    // Written by Exam3.AppHost.csproj (AddProjectResourceTargetPaths): "ProjectTargetPath:<project file>" = assembly.
    private const string TargetPathKey = "ProjectTargetPath:";

    /// <summary>
    /// DCP starts every project resource as <c>dotnet exec &lt;the assembly its build produced&gt;</c> instead of Aspire's
    /// <c>dotnet run --project … --no-build</c>. That wrapper evaluates the project with MSBuild before it starts the
    /// program, seconds of CPU per resource while all of them start at once, and then stays resident beside it (about
    /// 60 MiB PSS each); DCP's stop signal reaches the program itself. The assembly is the one the AppHost's build
    /// built, so it is in the AppHost's configuration; a project it does not know still starts with <c>dotnet run</c>.
    /// </summary>
    public static IDistributedApplicationBuilder RunProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        // An IDE (DEBUG_SESSION_PORT) or dotnet watch (DOTNET_WATCH) starts the projects its own way.
        if (!builder.ExecutionContext.IsRunMode
            || !string.IsNullOrEmpty(builder.Configuration["DEBUG_SESSION_PORT"])
            || builder.Configuration.GetValue<bool>("DOTNET_WATCH"))
        {
            return builder;
        }

        var assemblies = typeof(BuildOutputLaunchExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(metadata => metadata.Key.StartsWith(TargetPathKey, StringComparison.Ordinal) && File.Exists(metadata.Value))
            .ToDictionary(metadata => Path.GetFullPath(metadata.Key[TargetPathKey.Length..]), metadata => metadata.Value!, StringComparer.Ordinal);

        // Every project resource, the ones integrations add (the embedded registry) as well as AppHost.cs's own.
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>())
            {
                if (assemblies.TryGetValue(Path.GetFullPath(project.GetProjectMetadata().ProjectPath), out var assembly))
                {
                    // WithLaunchToolArgs is marked experimental in 13.6; it replaces `run --project …` as DCP's arguments.
#pragma warning disable ASPIREEXTENSION001
                    builder.CreateResourceBuilder(project).WithLaunchToolArgs(context =>
                    {
                        context.Args.Add("exec");
                        context.Args.Add(assembly);
                    });
#pragma warning restore ASPIREEXTENSION001
                }
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
