using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using OpenTelemetry;

namespace Exam3.Discovery.Checks;

/// <summary>
/// The HTTP and TCP probes, with Consul's rules: 2xx passing, 429 warning, anything else or no answer critical;
/// a 10s timeout unless the check sets one; Consul's headers and its output texts.
/// </summary>
internal sealed class Probes : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    // Not the factory's clients: those carry the resilience handler's retries, which would hide a failing instance.
    private readonly ConcurrentDictionary<(bool Redirects, bool SkipVerify), HttpClient> _clients = new();

    public Task<(string Status, string Output)> RunAsync(CheckDefinition check, CancellationToken token) =>
        check.Http.Length > 0 ? ProbeHttpAsync(check, token) : ProbeTcpAsync(check, token);

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private async Task<(string, string)> ProbeHttpAsync(CheckDefinition check, CancellationToken token)
    {
        var method = check.Method.Length > 0 ? check.Method.ToUpperInvariant() : "GET";
        // Probes every few seconds per instance would bury the application's traces; Consul's are not traced either.
        using var untraced = SuppressInstrumentationScope.Begin();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(check.Timeout > TimeSpan.Zero ? check.Timeout : DefaultTimeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), check.Http);
            request.Headers.ConnectionClose = true;
            request.Headers.TryAddWithoutValidation("User-Agent", "Consul Health Check");
            request.Headers.TryAddWithoutValidation("Accept", "text/plain, text/*, */*");
            foreach (var (name, values) in check.Header)
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, values);
            }

            if (check.Body.Length > 0)
            {
                request.Content = new StringContent(check.Body, Encoding.UTF8);
            }

            using var response = await ClientFor(check).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadPrefixAsync(response, check.OutputMaxSize, timeout.Token);
            var code = (int)response.StatusCode;
            var status = code is >= 200 and < 300 ? CheckStatus.Passing
                : response.StatusCode == HttpStatusCode.TooManyRequests ? CheckStatus.Warning
                : CheckStatus.Critical;
            return (status, $"HTTP {method} {check.Http}: {code} {response.ReasonPhrase} Output: {body}");
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return (CheckStatus.Critical, $"{GoMethod(method)} \"{check.Http}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            return (CheckStatus.Critical, $"{GoMethod(method)} \"{check.Http}\": {Describe(failure, check.Http)}");
        }
    }

    private static async Task<(string, string)> ProbeTcpAsync(CheckDefinition check, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(check.Timeout > TimeSpan.Zero ? check.Timeout : DefaultTimeout);
        var separator = check.Tcp.LastIndexOf(':');
        try
        {
            if (separator <= 0 || !int.TryParse(check.Tcp.AsSpan(separator + 1), out var port))
            {
                return (CheckStatus.Critical, $"dial tcp: address {check.Tcp}: missing port in address");
            }

            using var client = new TcpClient();
            await client.ConnectAsync(check.Tcp[..separator].Trim('[', ']'), port, timeout.Token);
            return (CheckStatus.Passing, $"TCP connect {check.Tcp}: Success");
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return (CheckStatus.Critical, $"dial tcp {check.Tcp}: i/o timeout");
        }
        catch (SocketException failure)
        {
            return (CheckStatus.Critical, $"dial tcp {check.Tcp}: {SocketText(failure)}");
        }
        catch (ArgumentException failure)
        {
            return (CheckStatus.Critical, $"dial tcp {check.Tcp}: {failure.Message}");
        }
    }

    private HttpClient ClientFor(CheckDefinition check) =>
        _clients.GetOrAdd((!check.DisableRedirects, check.TlsSkipVerify), key =>
        {
            var handler = new SocketsHttpHandler
            {
                AllowAutoRedirect = key.Redirects,
                MaxAutomaticRedirections = 10,
                UseProxy = false,
                UseCookies = false,
            };
            if (key.SkipVerify)
            {
#pragma warning disable CA5359 // TLSSkipVerify is the check's own explicit opt-out, exactly as in Consul.
                handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
            }

            return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        });

    private static async Task<string> ReadPrefixAsync(HttpResponseMessage response, int limit, CancellationToken token)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(token);
        using var kept = new MemoryStream();
        var chunk = new byte[Math.Min(limit, 16 * 1024)];
        int read;
        while (kept.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - kept.Length)), token)) > 0)
        {
            kept.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }

    private static string Describe(Exception failure, string url)
    {
        if (failure.InnerException is SocketException socket && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"dial tcp {uri.Host}:{uri.Port}: {SocketText(socket)}";
        }

        return failure.Message;
    }

    // Go's texts, which clients and people reading Consul's output recognise.
    private static string SocketText(SocketException failure) => failure.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connect: connection refused",
        SocketError.HostUnreachable => "connect: no route to host",
        SocketError.NetworkUnreachable => "connect: network is unreachable",
        SocketError.HostNotFound => "lookup: no such host",
        _ => $"connect: {failure.Message}",
    };

    private static string GoMethod(string method) => method[0] + method[1..].ToLowerInvariant();
}
