using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Exam3.Gateway.Forwarding;

/// <summary>
/// Answers what the gateway refuses or fails to forward with RFC 9457 problem details naming the service:
/// an oversized body (413) before anything is sent, no passing instance (503), a failed replica (502/504).
/// YARP itself sets only the status code.
/// </summary>
internal sealed class ProxyProblems(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // A replica's own error answers pass through untouched; only the gateway's answers become problem details here.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body of {context.Request.ContentLength} bytes exceeds the gateway's limit of {limit} bytes; nothing was sent to {service}.", service);
            return;
        }

        await next(context);

        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var (title, detail) = error.Error switch
        {
            ForwarderError.NoAvailableDestinations => ("Service unavailable", $"No instance of {service} passes its health checks."),
            ForwarderError.RequestTimedOut => ("Gateway timeout", $"The instance of {service} did not answer in time."),
            ForwarderError.RequestBodyClient => ("Bad request body", $"The request body could not be read and forwarded to {service}."),
            _ => ("Bad gateway", $"The instance of {service} failed to answer ({error.Error})."),
        };
        await WriteAsync(context, context.Response.StatusCode, title, detail, service);
    }

    private Task WriteAsync(HttpContext context, int status, string title, string detail, string service)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["service"] = service },
            },
        }).AsTask();
    }
}
