using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting.Orchestration;

/// <summary>
/// The environment Aspire gives a project (ASPNETCORE_URLS, OTEL_*, services__*, ConnectionStrings__*), plus Consul's
/// CONSUL_HTTP_ADDR, so that the services would run unchanged under a real Aspire AppHost.
/// </summary>
internal static class EnvironmentConventions
{
    public static IReadOnlyDictionary<string, string> For(
        Resource resource,
        string replicaName,
        ReplicaEndpoint endpoint,
        IEnumerable<KeyValuePair<string, ReplicaEndpoint>> endpointVariables,
        Func<Resource, IReadOnlyList<string>> urlsOf,
        AppHostOptions options,
        string environmentName)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = endpoint.Url,
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "true",
            ["LOGGING__CONSOLE__FORMATTERNAME"] = "simple",
            ["OTEL_SERVICE_NAME"] = resource.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={replicaName}",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
        };

        if (options.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.ToString().TrimEnd('/');
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
            // Aspire's development settings: export every second so the dashboard keeps up with what happens.
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            environment["OTEL_TRACES_SAMPLER"] = "always_on";
        }

        foreach (var (variable, more) in endpointVariables)
        {
            environment[variable] = $"{ReplicaEndpoint.Host}:{more.Port}";
        }

        foreach (var reference in resource.References)
        {
            foreach (var (name, value) in reference.ReferenceEnvironment(urlsOf(reference)))
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in resource.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }
}
