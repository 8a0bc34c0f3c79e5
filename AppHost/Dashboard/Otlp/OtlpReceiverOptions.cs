using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Exam3.Dashboard.Otlp;

/// <summary>Where the dashboard receives OTLP, and the API key senders must present when one is set.</summary>
public sealed class OtlpReceiverOptions
{
    public const string SectionName = "Dashboard:Otlp";

    /// <summary>OTLP/gRPC endpoint (HTTP/2 cleartext), like Aspire's standalone default 4317.</summary>
    [Required]
    public Uri GrpcUrl { get; set; } = new("http://127.0.0.1:4317");

    /// <summary>OTLP/HTTP endpoint (protobuf), like Aspire's standalone default 4318.</summary>
    [Required]
    public Uri HttpUrl { get; set; } = new("http://127.0.0.1:4318");

    /// <summary>
    /// When set, every sender must present it in the x-otlp-api-key header (Aspire's ApiKey mode);
    /// when not, only loopback senders are accepted. Required when an endpoint is bound beyond loopback.
    /// </summary>
    public string? ApiKey { get; set; }

    internal bool RequiresApiKey => !string.IsNullOrEmpty(ApiKey);

    internal bool IsLoopbackOnly => ListenAddress.IsLoopback(GrpcUrl) && ListenAddress.IsLoopback(HttpUrl);
}

/// <summary>Turns a configured http://host:port URL into the address Kestrel listens on.</summary>
internal static class ListenAddress
{
    public static IPEndPoint EndPoint(Uri url) => new(Address(url), url.Port);

    public static bool IsValid(Uri url) =>
        url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttp && url.Port > 0
        && (url.IsLoopback || IPAddress.TryParse(url.Host, out _));

    public static bool IsLoopback(Uri url) => IPAddress.IsLoopback(Address(url));

    private static IPAddress Address(Uri url) =>
        IPAddress.TryParse(url.Host, out var address) ? address : IPAddress.Loopback;
}
