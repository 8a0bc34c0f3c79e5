namespace Exam3.AppHost.Tests;

/// <summary>The environment and arguments a resource would be started with, resolved as Aspire resolves them for a run.</summary>
internal static class ResolvedConfiguration
{
    /// <summary>The environment; <paramref name="executionContext"/> is that of a built application.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(IResource resource, DistributedApplicationExecutionContext executionContext) =>
        (await ExecutionConfigurationBuilder.Create(resource).WithEnvironmentVariablesConfig().BuildAsync(executionContext))
            .EnvironmentVariables.ToDictionary();

    /// <summary>The command-line arguments; <paramref name="executionContext"/> is that of a built application.</summary>
    public static async Task<IReadOnlyList<string>> ArgumentsAsync(IResource resource, DistributedApplicationExecutionContext executionContext) =>
        [.. (await ExecutionConfigurationBuilder.Create(resource).WithArgumentsConfig().BuildAsync(executionContext)).Arguments.Select(argument => argument.Value)];
}
