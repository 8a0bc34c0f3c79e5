namespace Exam3.Discovery.Api;

/// <summary>Consul's routing rules that ASP.NET Core does not have: 405 with `Allow` and its text, and 404 for unknown /v1 paths.</summary>
internal static class ConsulRoutes
{
    private static readonly string[] KnownMethods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"];

    /// <summary>A GET route that answers other methods as Consul does (see <see cref="AllowOnly"/>).</summary>
    public static RouteHandlerBuilder MapConsulGet(this IEndpointRouteBuilder api, string pattern, Delegate handler)
    {
        api.AllowOnly(pattern, "GET");
        return api.MapGet(pattern, handler);
    }

    /// <summary>A PUT route that answers other methods as Consul does (see <see cref="AllowOnly"/>).</summary>
    public static RouteHandlerBuilder MapConsulPut(this IEndpointRouteBuilder api, string pattern, Delegate handler)
    {
        api.AllowOnly(pattern, "PUT");
        return api.MapPut(pattern, handler);
    }

    /// <summary>
    /// Answers every other method on <paramref name="pattern"/>: OPTIONS with 200 and `Allow`, the rest with 405.
    /// Mapped per method (not as a catch-all) so that `/agent/service/register` never falls through to `/agent/service/{id}`.
    /// </summary>
    public static void AllowOnly(this IEndpointRouteBuilder api, string pattern, params string[] allowed)
    {
        var allow = string.Join(',', ["OPTIONS", .. allowed]);
        api.MapMethods(pattern, KnownMethods.Except(allowed), (HttpContext http) =>
        {
            http.Response.Headers.Allow = allow;
            return http.Request.Method == HttpMethods.Options
                ? ConsulResults.Ok()
                : ConsulResults.Error(StatusCodes.Status405MethodNotAllowed, $"method {http.Request.Method} not allowed");
        }).ExcludeFromDescription();
    }

    /// <summary>Any other /v1 path is 404 with Consul's text.</summary>
    public static void MapUnknownApiPaths(this IEndpointRouteBuilder app) =>
        app.MapFallback("/v1/{**path}", () => ConsulResults.NotFound("Invalid URL path: not a recognized HTTP API endpoint"));

    /// <summary>A query flag as Consul reads it: present without a value means true; otherwise Go's strconv.ParseBool.</summary>
    public static bool? Flag(this IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return false;
        }

        return values.ToString() switch
        {
            "" => true,
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => null,
        };
    }
}
