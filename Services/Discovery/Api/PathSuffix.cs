using Microsoft.AspNetCore.Http.Features;

namespace Exam3.Discovery.Api;

/// <summary>
/// A route's trailing catch-all parameter as Consul reads it: everything after the route's prefix in the request path
/// decoded once (Go's URL.Path), so `/v1/kv/app%2Fconfig` names the key `app/config` and `a%252F` the key `a%2F`.
/// Kestrel's route values cannot give that: it leaves %2F encoded but has already decoded %25, which makes the two
/// indistinguishable; the raw request target still tells them apart.
/// </summary>
internal readonly record struct PathSuffix(string Value)
{
    public static ValueTask<PathSuffix> BindAsync(HttpContext http) => ValueTask.FromResult(new PathSuffix(Read(http)));

    public static implicit operator string(PathSuffix suffix) => suffix.Value;

    public override string ToString() => Value;

    private static string Read(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint { RoutePattern: { RawText: { } template } pattern }
            || pattern.Parameters.FirstOrDefault(part => part.IsCatchAll) is not { } parameter)
        {
            return "";
        }

        var prefix = template[..template.IndexOf('{', StringComparison.Ordinal)];
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(query < 0 ? target : target[..query]);
        return path.StartsWith(prefix, StringComparison.Ordinal)
            ? path[prefix.Length..]
            // An absolute-form or otherwise unusual target: the route value, with the one escape Kestrel leaves.
            : (http.GetRouteValue(parameter.Name) as string ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
