namespace Exam3.Operations.Apis;

/// <summary>GET / and /info: which replica this is, the way the lab told its servers apart by their greeting.</summary>
public static class InstanceApi
{
    public static IEndpointRouteBuilder MapInstanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Instance");

        api.MapGet("/", Greet)
            .WithName("greeting")
            .WithSummary("A greeting that names the instance.");

        api.MapGet("/info", GetInfo)
            .WithName("info")
            .WithSummary("Instance, version, uptime and requests served.");

        return app;
    }

    public static Ok<string> Greet(ServiceInstance instance) =>
        TypedResults.Ok($"Hello from {instance.Id}, an instance of {instance.ServiceName}.");

    public static Ok<InstanceInfo> GetInfo(ServiceInstance instance, RequestCounter counter) =>
        TypedResults.Ok(new InstanceInfo(
            instance.ServiceName,
            instance.Id,
            instance.Version,
            instance.StartedAt,
            Math.Round(instance.Uptime.TotalSeconds, 3),
            counter.Served));
}

/// <summary>What /info reports about this instance.</summary>
public sealed record InstanceInfo(string Service, string Instance, string Version, DateTimeOffset StartedAt, double UptimeSeconds, long RequestsServed);
