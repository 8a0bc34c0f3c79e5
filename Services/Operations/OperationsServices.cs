using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;

namespace Exam3.Operations;

/// <summary>The services and middleware of the Operations microservice, one hop from Program.cs.</summary>
public static class OperationsServices
{
    public static WebApplicationBuilder AddOperationsServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<RequestCounter>();
        // Clients reach the replicas through the gateway, by the route tag in appsettings.json.
        builder.ExpectRouteTag();
        // Behind the gateway a replica is mounted at /api/<service> of the gateway's address; the X-Forwarded-* headers
        // say so, and honouring them makes the OpenAPI document and the API reference point through the gateway.
        // Only loopback senders are trusted (the options' default), as only the local gateway and HAProxy send them.
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders =
            ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix);
        return builder;
    }

    public static WebApplication UseOperationsPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Any failure the handlers did not foresee still answers as problem details, never a bare 500 page.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestCountingMiddleware>();
        return app;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and the Scalar API reference at /scalar.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
