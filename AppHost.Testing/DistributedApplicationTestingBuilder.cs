namespace Exam3.Hosting.Testing;

/// <summary>
/// Builds a distribution for a test (Aspire.Hosting.Testing's counterpart): the AppHost's own topology or one the test declares,
/// with every port free so that parallel runs never collide, no dashboard unless asked for (as Aspire's testing builder) and no echo of the resources' output in the terminal.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    private static readonly string[] TestDefaults =
    [
        $"--{AppHostOptions.Section}:{nameof(AppHostOptions.RandomizePorts)}=true",
        $"--{AppHostOptions.Section}:{nameof(AppHostOptions.EchoConsole)}=false",
        $"--{AppHostOptions.Section}:{nameof(AppHostOptions.DisableDashboard)}=true",
        // Progress lines would bury the test's own output; failures (FailedToStart, crashes) still show.
        "--Logging:LogLevel:Default=Warning",
    ];

    // RandomizePorts puts the dashboard and its OTLP receivers on free ports too.
    private static readonly string[] EnabledDashboard = [$"--{AppHostOptions.Section}:{nameof(AppHostOptions.DisableDashboard)}=false"];

    /// <summary>
    /// Runs the Main of <typeparamref name="TEntryPoint"/>'s assembly (an AppHost's Program) up to its Build() call and returns the
    /// builder it declared, so the test can adjust it before building. Later <paramref name="args"/> override the test defaults.
    /// </summary>
    public static Task<DistributedApplicationBuilder> CreateAsync<TEntryPoint>(string[]? args = null, CancellationToken cancellationToken = default)
        where TEntryPoint : class =>
        CreateAsync<TEntryPoint>(args ?? [], new DistributedApplicationTestingBuilderOptions(), cancellationToken);

    /// <summary>As <see cref="CreateAsync{TEntryPoint}(string[], CancellationToken)"/>, with <paramref name="options"/> changing the test defaults.</summary>
    public static Task<DistributedApplicationBuilder> CreateAsync<TEntryPoint>(
        string[] args,
        DistributedApplicationTestingBuilderOptions options,
        CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        var entryPoint = typeof(TEntryPoint).Assembly.EntryPoint
            ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name} has no entry point.");
        string[] arguments = [.. TestDefaults, .. options.EnableDashboard ? EnabledDashboard : [], .. args];
        object?[] parameters = entryPoint.GetParameters().Length == 0 ? [] : [arguments];
        return Task.Run(() => DistributedApplicationBuilder.CaptureFrom(() => entryPoint.Invoke(null, parameters)), cancellationToken);
    }

    /// <summary>An empty builder with the test defaults, for a test that declares its own resources.</summary>
    public static DistributedApplicationBuilder Create(params string[] args) => DistributedApplicationBuilder.Create([.. TestDefaults, .. args]);
}
