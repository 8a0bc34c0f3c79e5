using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Exam3.TestSupport.Hostile;

/// <summary>One generated request: a method, a path and query as sent on the wire, and maybe a body.</summary>
public sealed record HostileRequest(string Method, string PathAndQuery, byte[]? Body = null, string? ContentType = "application/json")
{
    private const int ExpectContinueAbove = 64 * 1024;

    public override string ToString() => $"{Method} {Truncate(PathAndQuery)} ({Body?.Length ?? 0} bytes)";

    /// <summary>
    /// Sends <paramref name="requests"/> one after another until all are answered or <paramref name="timeLimit"/> has
    /// passed, and returns every answer; a request the server never answered counts as a failure, not a status.
    /// </summary>
    public static async Task<HostileReport> SendAllAsync(HttpClient client, IEnumerable<HostileRequest> requests, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var report = new HostileReport();
        var clock = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            if (clock.Elapsed > timeLimit)
            {
                report.TimedOut = true;
                break;
            }

            using var message = new HttpRequestMessage(new HttpMethod(request.Method), Target(client, request));
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                // As curl does for large bodies: a server refusing on the headers alone answers before the body is sent.
                message.Headers.ExpectContinue = request.Body.Length > ExpectContinueAbove;
                if (request.ContentType is not null)
                {
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
                }
            }

            var started = clock.Elapsed;
            try
            {
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var text = (int)response.StatusCode >= 500 ? await response.Content.ReadAsStringAsync(cancellationToken) : "";
                report.Add(request, response.StatusCode, text, clock.Elapsed - started);
            }
            catch (HttpRequestException error)
            {
                report.Failures.Add($"{request}: {error.Message} {error.InnerException?.Message}");
            }
            catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                report.Failures.Add($"{request}: timed out ({error.Message})");
            }
        }

        report.Elapsed = clock.Elapsed;
        return report;
    }

    // Joined as text, not as a relative URI, so that "//x" stays a path instead of naming a host.
    private static Uri Target(HttpClient client, HostileRequest request) =>
        new(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + request.PathAndQuery, UriKind.Absolute);

    private static string Truncate(string text) => text.Length <= 200 ? text : $"{text[..200]}…[{text.Length} chars]";
}

/// <summary>What a hostile run got back: a count per status, the requests answered 5xx, and those never answered.</summary>
public sealed class HostileReport
{
    public Dictionary<HttpStatusCode, int> Statuses { get; } = [];

    /// <summary>The requests answered 5xx, with the start of each answer's text.</summary>
    public List<(HostileRequest Request, HttpStatusCode Status, string Text)> ServerErrors { get; } = [];

    public List<string> Failures { get; } = [];

    public int Answered => Statuses.Values.Sum();

    public bool TimedOut { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>The request that took longest to answer, and how long.</summary>
    public (HostileRequest? Request, TimeSpan Elapsed) Slowest { get; private set; }

    public void Add(HostileRequest request, HttpStatusCode status, string text, TimeSpan elapsed)
    {
        if (elapsed > Slowest.Elapsed)
        {
            Slowest = (request, elapsed);
        }

        Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
        if ((int)status >= 500)
        {
            ServerErrors.Add((request, status, text.Length <= 300 ? text : text[..300]));
        }
    }

    public override string ToString() =>
        $"{Answered} answered in {Elapsed.TotalSeconds:0.0} s: " +
        string.Join(", ", Statuses.OrderBy(pair => pair.Key).Select(pair => $"{(int)pair.Key}×{pair.Value}")) +
        $"; slowest {Slowest.Elapsed.TotalMilliseconds:0} ms: {Slowest.Request}";
}
