using Exam3.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Exam3.AppHost.DashboardHosting;

/// <summary>Serves the Exam3 dashboard inside the AppHost process, as Aspire's AppHost launches its dashboard.</summary>
public static class DashboardBuilderExtensions
{
    /// <summary>
    /// Serves the dashboard on <see cref="DistributedApplicationBuilder.DashboardEndpoints"/> (18888, OTLP 4317 and 4318 by default)
    /// and points every resource's OTLP exporter at it; nothing when AppHost:DisableDashboard is set (the testing harness).
    /// </summary>
    public static DistributedApplicationBuilder AddDashboard(this DistributedApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>($"{AppHostOptions.Section}:{nameof(AppHostOptions.DisableDashboard)}"))
        {
            return builder;
        }

        var dashboard = new HostedDashboard(builder.DashboardEndpoints);
        builder.Configuration[$"{AppHostOptions.Section}:{nameof(AppHostOptions.OtlpEndpoint)}"] = dashboard.Endpoints.OtlpGrpc.ToString();
        builder.Services.AddSingleton(dashboard);
        builder.Services.AddSingleton<ResourceCatalog>();
        builder.Services.AddHostedService<DashboardServer>();
        return builder;
    }
}
