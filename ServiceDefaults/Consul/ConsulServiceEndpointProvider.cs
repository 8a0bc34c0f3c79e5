using Microsoft.Extensions.ServiceDiscovery;

namespace Exam3.ServiceDefaults.Consul;

/// <summary>
/// Resolves a service name to the instances of it whose checks pass in the registry, from a shared blocking-query
/// watch: no request to the registry per resolution, and the watch's change token refreshes resolvers at once.
/// It never throws: with the registry down it serves the last known instances, and with none known it adds nothing.
/// </summary>
internal sealed partial class ConsulServiceEndpointProvider(
    string serviceName,
    BlockingQueryWatch<HealthyInstances> watch,
    ILogger logger) : IServiceEndpointProvider
{
    /// <summary>
    /// How long a first resolution waits for the registry's first answer. A reachable registry answers in
    /// milliseconds; an unreachable one must not stall the request long, and the change token brings the answer later.
    /// </summary>
    internal static readonly TimeSpan FirstAnswerWait = TimeSpan.FromSeconds(2);

    public async ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
    {
        // An earlier provider (configuration: services__name__http__0, as Aspire sets it) wins.
        if (endpoints.Endpoints.Count != 0)
        {
            return;
        }

        // The token before the value: a change after this line then fires the token, never goes unseen.
        endpoints.AddChangeToken(watch.GetChangeToken());
        var known = watch.Current ?? await FirstAnswerAsync(cancellationToken);
        if (known is null)
        {
            Log.NothingKnown(logger, serviceName);
            return;
        }

        foreach (var instance in known.Instances)
        {
            endpoints.Endpoints.Add(ServiceEndpoint.Create(EndPointOf(instance)));
        }

        if (watch.IsStale)
        {
            Log.ServingStale(logger, serviceName, known.Instances.Count);
        }
    }

    // The watch is shared and outlives every resolver that uses it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => "Consul";

    private async Task<HealthyInstances?> FirstAnswerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await watch.FirstValueAsync(cancellationToken).WaitAsync(FirstAnswerWait, cancellationToken);
        }
        catch (Exception error) when (error is TimeoutException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    // With the scheme, so that "https+http://operations" picks http rather than trying https on an http listener:
    // Exam3's instances register their http listener (SelfRegistration.AdvertisedUri).
    private static UriEndPoint EndPointOf(RegisteredInstance instance) =>
        new(new UriBuilder(Uri.UriSchemeHttp, instance.Address, instance.Port).Uri);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The registry has not answered yet about {Service}; no instance of it is known.")]
        public static partial void NothingKnown(ILogger logger, string service);

        [LoggerMessage(2, LogLevel.Debug, "The registry is unreachable; serving the {Count} last known instances of {Service}.")]
        public static partial void ServingStale(ILogger logger, string service, int count);
    }
}
