namespace Exam3.Gateway.Forwarding;

/// <summary>What a forwarding error says about the replica and about what reached it.</summary>
internal static class TransportFailures
{
    /// <summary>The replica could not be reached or dropped the request before answering: it is likely gone.</summary>
    public static bool MeansReplicaDown(IForwarderErrorFeature error) =>
        error.Error == ForwarderError.Request || (error.Error == ForwarderError.RequestTimedOut && NothingWasSent(error.Exception));

    /// <summary>
    /// No connection was ever made, so not a byte of the request reached the replica. YARP reports a connect timeout
    /// as a cancellation carrying a <see cref="TimeoutException"/>; its own idle timeout carries none.
    /// </summary>
    public static bool NothingWasSent(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
                || (current is TimeoutException && exception is OperationCanceledException))
            {
                return true;
            }
        }

        return false;
    }
}
