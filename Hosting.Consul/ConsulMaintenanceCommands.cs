using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting;

/// <summary>Dashboard commands that put one replica of a registered service into Consul's maintenance mode and out.</summary>
public static class ConsulMaintenanceCommands
{
    /// <summary>The command that puts a replica into maintenance.</summary>
    public const string On = "maintenance-on";

    /// <summary>The command that takes a replica out of maintenance.</summary>
    public const string Off = "maintenance-off";

    private const string Reason = "Maintenance on, from the Aspire dashboard";

    /// <summary>
    /// Adds "Maintenance on" and "Maintenance off" to each replica: Consul's service maintenance API, so the replica
    /// leaves (and rejoins) every client's rotation while it keeps running. The registered service ID is the replica's
    /// name, as the service defaults register it.
    /// </summary>
    public static IResourceBuilder<T> WithMaintenanceCommands<T>(this IResourceBuilder<T> service, IResourceBuilder<IConsulResource> consul)
        where T : IResourceWithEndpoints
    {
        var registry = consul.Resource;
        return service
            .WithCommand(On, "Maintenance on", context => SetMaintenanceAsync(context, registry, enable: true), new CommandOptions
            {
                Description = "Consul: mark this replica critical, so that the gateway and HAProxy stop sending it requests.",
                IconName = "Wrench",
                UpdateState = OnlyWhileRunning,
            })
            .WithCommand(Off, "Maintenance off", context => SetMaintenanceAsync(context, registry, enable: false), new CommandOptions
            {
                Description = "Consul: end this replica's maintenance, so that it rejoins the rotation once its check passes.",
                IconName = "WrenchSettings",
                UpdateState = OnlyWhileRunning,
            });
    }

    private static ResourceCommandState OnlyWhileRunning(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    private static async Task<ExecuteCommandResult> SetMaintenanceAsync(ExecuteCommandContext context, IConsulResource registry, bool enable)
    {
        var address = await registry.ConnectionStringExpression.GetValueAsync(context.CancellationToken);
        var query = enable ? $"enable=true&reason={Uri.EscapeDataString(Reason)}" : "enable=false";
        var uri = new Uri($"{address!.TrimEnd('/')}/v1/agent/service/maintenance/{Uri.EscapeDataString(context.ResourceName)}?{query}");

        using var client = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, uri);
            if (registry.ManagementToken is { } token)
            {
                request.Headers.Add("X-Consul-Token", token);
            }

            using var response = await client.SendAsync(request, context.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
            return response.IsSuccessStatusCode
                ? CommandResults.Success(enable ? $"{context.ResourceName} is in maintenance." : $"{context.ResourceName} is out of maintenance.")
                : CommandResults.Failure($"Consul answered {(int)response.StatusCode}: {body.Trim()}");
        }
        catch (HttpRequestException exception)
        {
            return CommandResults.Failure($"Consul at {address} did not answer: {exception.Message}");
        }
    }
}
