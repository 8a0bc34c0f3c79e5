using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Exam3.Dashboard.Web;

/// <summary>Marks the pages and APIs that need the browser token (everything but the login page and static assets).</summary>
internal sealed class BrowserTokenRequiredMetadata
{
    public static readonly BrowserTokenRequiredMetadata Instance = new();
}

/// <summary>
/// Aspire's browser-token login: the token printed at start, given once as /login?t=... or typed into the form,
/// becomes a cookie for three days.
/// </summary>
internal static class BrowserTokenLogin
{
    public const string CookieName = "exam3-dashboard-token";

    public static void MapBrowserTokenLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", Results<RedirectHttpResult, ContentHttpResult> (HttpContext context, IOptions<DashboardFrontendOptions> options, string? t) =>
            t is not null && IsToken(t, options.Value) ? SignIn(context, t) : LoginForm(error: t is not null));
        endpoints.MapPost("/login", async Task<Results<RedirectHttpResult, ContentHttpResult>> (HttpContext context, IOptions<DashboardFrontendOptions> options) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var token = form["token"].ToString();
            return IsToken(token, options.Value) ? SignIn(context, token) : LoginForm(error: true);
        });
    }

    public static bool IsSignedIn(HttpContext context, DashboardFrontendOptions options) =>
        options.AuthMode == DashboardAuthMode.Unsecured
        || (context.Request.Cookies.TryGetValue(CookieName, out var token) && IsToken(token, options));

    private static bool IsToken(string presented, DashboardFrontendOptions options) =>
        options.BrowserToken is { Length: > 0 } token && Secrets.AreEqual(presented, token);

    private static RedirectHttpResult SignIn(HttpContext context, string token)
    {
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(3),
        });
        return TypedResults.Redirect("/");
    }

    private static ContentHttpResult LoginForm(bool error) => TypedResults.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Exam3 dashboard login</title>
        <link rel="stylesheet" href="/assets/app.css"></head>
        <body class="login"><form method="post" action="/login">
        <h1>Exam3 dashboard</h1>
        <p>Paste the token the AppHost printed at start.</p>
        {(error ? "<p class=\"error\" role=\"alert\">That token is not valid.</p>" : "")}
        <input name="token" type="password" autocomplete="off" aria-label="Token" autofocus>
        <button type="submit">Log in</button>
        </form></body></html>
        """,
        "text/html; charset=utf-8",
        statusCode: error ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
}

/// <summary>Sends anonymous browsers to the login page, and answers 401 to anonymous API calls.</summary>
internal sealed class BrowserTokenMiddleware(RequestDelegate next, IOptions<DashboardFrontendOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BrowserTokenRequiredMetadata>() is null
            || BrowserTokenLogin.IsSignedIn(context, options.Value))
        {
            return next(context);
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            context.Response.Redirect("/login");
        }

        return Task.CompletedTask;
    }
}
