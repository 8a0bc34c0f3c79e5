using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Exam3.Gateway.Forwarding;

/// <summary>Names the instance that served a response, as the registry knows it, so round robin is visible.</summary>
internal static class ServedByHeader
{
    public const string Name = "X-Served-By";

    public static void Add(TransformBuilderContext transforms) =>
        transforms.AddResponseTransform(context =>
        {
            // No response means the replica failed; the header would name an instance that served nothing.
            if (context.ProxyResponse is not null && context.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } destination)
            {
                context.HttpContext.Response.Headers[Name] = destination.DestinationId;
            }

            return ValueTask.CompletedTask;
        });
}
