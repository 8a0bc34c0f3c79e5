using System.Globalization;
using System.Text.Encodings.Web;

namespace Exam3.Discovery.Api;

/// <summary>Answers the way Consul writes them: pretty JSON (dev mode) with the X-Consul-* query headers, or plain text.</summary>
internal static class ConsulResults
{
    /// <summary>Go canonicalises header names, so these are the spellings on a real agent's wire.</summary>
    public const string IndexHeader = "X-Consul-Index";
    public const string KnownLeaderHeader = "X-Consul-Knownleader";
    public const string LastContactHeader = "X-Consul-Lastcontact";
    public const string ConsistencyHeader = "X-Consul-Effective-Consistency";
    public const string QueryBackendHeader = "X-Consul-Query-Backend";
    public const string DefaultAclPolicyHeader = "X-Consul-Default-Acl-Policy";

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>JSON with no query metadata (agent and status endpoints).</summary>
    public static IResult Json<T>(T body) => new JsonResult<T>(body, null, null);

    /// <summary>JSON under another status, as a failed transaction answers 409 with its errors.</summary>
    public static IResult Json<T>(T body, int statusCode) => new JsonResult<T>(body, null, null, statusCode);

    /// <summary>JSON with the blocking-query headers: the index (never 0), leader, last contact, consistency.</summary>
    public static IResult Query<T>(T body, long index, string consistency) => new JsonResult<T>(body, Math.Max(index, 1), consistency);

    /// <summary>Any answer with the blocking-query headers (KV's 404 and raw values carry them too).</summary>
    public static IResult WithQueryHeaders(IResult inner, long index, string consistency) =>
        new QueryHeadersResult(inner, Math.Max(index, 1), consistency);

    /// <summary>Raw bytes, as GET /v1/kv/:key?raw answers.</summary>
    public static IResult Raw(byte[] body) => new RawResult(body);

    /// <summary>200 with an empty body, as Consul answers a successful agent write.</summary>
    public static IResult Ok() => Error(StatusCodes.Status200OK, "");

    /// <summary>A plain-text error as Consul writes it (fmt.Fprint: no trailing newline).</summary>
    public static IResult Error(int statusCode, string message) => Body(statusCode, message, "text/plain; charset=utf-8");

    /// <summary>Any status with a ready-made body, for answers whose status code carries meaning (agent health).</summary>
    public static IResult Body(int statusCode, string text, string contentType) => new TextResult(statusCode, text, contentType);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static byte[] Serialize<T>(T body) => Encoding.UTF8.GetBytes(SerializeText(body));

    public static string SerializeText<T>(T body) => JsonSerializer.Serialize(body, Pretty) + "\n";

    private sealed class JsonResult<T>(T body, long? index, string? consistency, int statusCode = StatusCodes.Status200OK) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            if (index is { } value)
            {
                WriteQueryHeaders(response, value, consistency!);
            }

            response.StatusCode = statusCode;
            response.ContentType = "application/json";
            var bytes = Serialize(body);
            response.ContentLength = bytes.Length;
            return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
        }
    }

    private static void WriteQueryHeaders(HttpResponse response, long index, string consistency)
    {
        response.Headers[IndexHeader] = index.ToString(CultureInfo.InvariantCulture);
        response.Headers[KnownLeaderHeader] = "true";
        response.Headers[LastContactHeader] = "0";
        response.Headers[ConsistencyHeader] = consistency;
        response.Headers[QueryBackendHeader] = "blocking-query";
    }

    private sealed class QueryHeadersResult(IResult inner, long index, string consistency) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            WriteQueryHeaders(httpContext.Response, index, consistency);
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class RawResult(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/plain; charset=utf-8";
            response.Headers.XContentTypeOptions = "nosniff";
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }

    private sealed class TextResult(int statusCode, string text, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            if (text.Length == 0)
            {
                response.ContentLength = 0;
                return Task.CompletedTask;
            }

            response.ContentType = contentType;
            var bytes = Encoding.UTF8.GetBytes(text);
            response.ContentLength = bytes.Length;
            return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
        }
    }
}
