using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Exam3.Dashboard.Otlp;

/// <summary>Marks the endpoints that receive OTLP, so that <see cref="OtlpAccessMiddleware"/> guards them and nothing else.</summary>
internal sealed class OtlpEndpointMetadata
{
    public static readonly OtlpEndpointMetadata Instance = new();
}

/// <summary>Who may send telemetry: loopback senders, or anyone presenting the API key when one is configured.</summary>
internal static class OtlpAccess
{
    public const string ApiKeyHeader = "x-otlp-api-key";

    public static bool Allows(IPAddress? sender, string? presentedKey, string? requiredKey) =>
        string.IsNullOrEmpty(requiredKey)
            ? sender is not null && IPAddress.IsLoopback(sender)
            : Secrets.AreEqual(presentedKey, requiredKey);
}

/// <summary>Refuses OTLP requests that <see cref="OtlpAccess"/> does not allow: 401, which gRPC clients see as Unauthenticated.</summary>
internal sealed class OtlpAccessMiddleware(RequestDelegate next, IOptions<OtlpReceiverOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<OtlpEndpointMetadata>() is null
            || OtlpAccess.Allows(context.Connection.RemoteIpAddress, context.Request.Headers[OtlpAccess.ApiKeyHeader], options.Value.ApiKey))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
