using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Exam3.Gateway.Tests.Harness;

/// <summary>
/// A replica the test controls: it records every request it receives (health checks aside) with its headers and
/// the size of its body, answers with its own name, or, when told to, reads the request and drops the connection
/// without answering, as a replica dying mid-request would.
/// </summary>
internal sealed class EchoReplica : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoReplica(string id, WebApplication app, Uri baseAddress)
    {
        Id = id;
        _app = app;
        BaseAddress = baseAddress;
    }

    public string Id { get; }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Read each request whole, then abort the connection instead of answering.</summary>
    public bool DropsRequests { get; set; }

    public static async Task<EchoReplica> StartAsync(string id)
    {
        EchoReplica? replica = null;
        var (app, baseAddress) = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/health", () => "Healthy");
            app.Map("/{**path}", (HttpContext context) => replica!.HandleAsync(context));
        });
        replica = new EchoReplica(id, app, baseAddress);
        return replica;
    }

    public int Count(string method) => Received.Count(request => request.Method == method);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        Received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.Length));

        if (DropsRequests)
        {
            context.Abort();
            return;
        }

        await context.Response.WriteAsJsonAsync(new { instance = Id }, context.RequestAborted);
    }
}

/// <summary>What a replica saw of one request.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, long BodyBytes);
