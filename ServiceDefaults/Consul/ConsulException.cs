namespace Exam3.ServiceDefaults.Consul;

/// <summary>The registry answered, but not with success; carries Consul's status code and plain-text error.</summary>
public sealed class ConsulException(HttpStatusCode statusCode, string request, string error)
    : Exception($"Consul answered {(int)statusCode} {statusCode} to {request}: {error}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string Error { get; } = error;
}
