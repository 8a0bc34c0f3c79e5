using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Exam3.Gateway.Tests.Harness;

/// <summary>
/// Receives OTLP/HTTP exports and keeps the raw trace payloads. No OTLP schema is at hand here to decode them; span
/// names and IDs are plain bytes inside the protobuf, which is all a test needs to find a span of a given trace.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpSink(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<byte[]> TracePayloads { get; } = new();

    public static async Task<OtlpSink> StartAsync()
    {
        OtlpSink? sink = null;
        var (app, endpoint) = await LoopbackApp.StartAsync(app =>
        {
            app.MapPost("/v1/traces", async (HttpRequest request) =>
            {
                using var payload = new MemoryStream();
                await request.Body.CopyToAsync(payload);
                sink!.TracePayloads.Enqueue(payload.ToArray());
                return Results.Ok();
            });
            app.MapPost("/v1/{signal}", () => Results.Ok());
        });
        sink = new OtlpSink(app, endpoint);
        return sink;
    }

    /// <summary>True when one exported payload holds every one of <paramref name="parts"/>.</summary>
    public bool AnyPayloadContains(params byte[][] parts) =>
        TracePayloads.Any(payload => parts.All(part => payload.AsSpan().IndexOf(part) >= 0));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
