using System.IO.Compression;
using Exam3.Dashboard.Otlp.Proto.Collector.Logs;
using Exam3.Dashboard.Otlp.Proto.Collector.Metrics;
using Exam3.Dashboard.Otlp.Proto.Collector.Trace;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Exam3.Dashboard.Otlp;

/// <summary>OTLP/HTTP with binary protobuf: POST /v1/traces, /v1/logs and /v1/metrics.</summary>
internal static class OtlpHttpApi
{
    public const string ProtobufContentType = "application/x-protobuf";

    public static RouteGroupBuilder MapOtlpHttpApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/v1").WithTags("OTLP");
        api.MapPost("/traces", (HttpRequest request, OtlpIngest ingest, CancellationToken cancellationToken) =>
            ReceiveAsync(request, ExportTraceServiceRequest.Parser, ingest.Traces, cancellationToken));
        api.MapPost("/logs", (HttpRequest request, OtlpIngest ingest, CancellationToken cancellationToken) =>
            ReceiveAsync(request, ExportLogsServiceRequest.Parser, ingest.Logs, cancellationToken));
        api.MapPost("/metrics", (HttpRequest request, OtlpIngest ingest, CancellationToken cancellationToken) =>
            ReceiveAsync(request, ExportMetricsServiceRequest.Parser, ingest.Metrics, cancellationToken));
        return api;
    }

    private static async Task<IResult> ReceiveAsync<TRequest, TResponse>(
        HttpRequest request, MessageParser<TRequest> parser, Func<TRequest, TResponse> ingest, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || mediaType.MediaType != ProtobufContentType)
        {
            return TypedResults.Problem(
                $"OTLP/HTTP here accepts {ProtobufContentType} only, not '{request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        TRequest message;
        try
        {
            message = parser.ParseFrom(await ReadBodyAsync(request, cancellationToken));
        }
        catch (Exception error) when (error is InvalidProtocolBufferException or InvalidDataException)
        {
            return TypedResults.Problem(
                $"The body is not a valid OTLP {typeof(TRequest).Name} in protobuf: {error.Message}",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Undecodable OTLP body");
        }

        return TypedResults.Bytes(ingest(message).ToByteArray(), ProtobufContentType);
    }

    // OTLP/HTTP senders may gzip the body (the specification asks receivers to accept it).
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var unzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await unzip.CopyToAsync(buffer, cancellationToken);
        }
        else
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }

        return buffer.ToArray();
    }
}
