namespace Exam3.Gateway.Forwarding;

/// <summary>YARP's client to the replicas, with a short connect timeout so that a dead replica is given up quickly.</summary>
internal sealed class GatewayHttpClientFactory(IOptions<GatewayOptions> options, ILogger<ForwarderHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = options.Value.ConnectTimeout;
    }
}
