using Microsoft.AspNetCore.Http.Features;

namespace Exam3.Gateway.Forwarding;

/// <summary>
/// Sends a request to another replica when the first one could not take it, so that a replica dying costs the
/// client nothing. YARP has no retry of its own; it leaves the response untouched on a transport error, which lets
/// the pipeline from load balancing onwards run again with the failed destination left out.
/// A request is replayed only when that is safe: when no connection was ever made (nothing was sent), or when it
/// carries no body and its method is idempotent. A request with a body that reached a replica is never sent twice.
/// </summary>
internal sealed partial class ReplayOnTransportFailure(RequestDelegate next, ILogger<ReplayOnTransportFailure> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        // Load balancing narrows AvailableDestinations to the one it picked; keep the full list to pick again from.
        var candidates = proxy.AvailableDestinations;
        while (true)
        {
            await next(context);

            var error = context.GetForwarderErrorFeature();
            var failed = proxy.ProxiedDestination;
            if (error is null || failed is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested
                || !CanReplay(context.Request, error))
            {
                return;
            }

            candidates = [.. candidates.Where(destination => destination != failed)];
            if (candidates.Count == 0)
            {
                return;
            }

            Log.Replaying(logger, context.Request.Method, proxy.Cluster.Config.ClusterId, failed.DestinationId, error.Error);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            proxy.AvailableDestinations = candidates;
            proxy.ProxiedDestination = null;
        }
    }

    private static bool CanReplay(HttpRequest request, IForwarderErrorFeature error) =>
        TransportFailures.MeansReplicaDown(error)
        && (TransportFailures.NothingWasSent(error.Exception) || (!HasBody(request) && IsIdempotent(request.Method)));

    private static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength is not (null or 0);

    private static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsTrace(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Replaying {Method} for {Service} on another instance after {Instance} failed ({Error}).")]
        public static partial void Replaying(ILogger logger, string method, string service, string instance, ForwarderError error);
    }
}
