using System.Diagnostics.CodeAnalysis;

namespace Exam3.Gateway.Routing;

/// <summary>
/// Reads the public route a service asks for from its tags, the Fabio way: <c>urlprefix-/api/operations</c>.
/// Only clean paths are accepted, so that a tag can never claim the gateway's own endpoints or inject a route pattern.
/// </summary>
internal static class RoutePrefix
{
    public const string TagPrefix = SelfRegistration.RouteTagPrefix;

    private const int MaxLength = 200;

    // The gateway answers these itself; a service must not be able to shadow them.
    private static readonly string[] Reserved = [Extensions.HealthEndpointPath, Extensions.AlivenessEndpointPath];

    /// <summary>True when <paramref name="tag"/> is a route tag at all, valid or not.</summary>
    public static bool IsRouteTag(string tag) => tag.StartsWith(TagPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Reads the path of a <c>urlprefix-</c> tag. False with a reason when the tag is not a route tag or asks for
    /// something the gateway will not route: a host, options, the root, a pattern, dot segments, or its own endpoints.
    /// </summary>
    public static bool TryParse(string tag, [NotNullWhen(true)] out string? prefix, [NotNullWhen(false)] out string? reason)
    {
        prefix = null;
        if (!IsRouteTag(tag))
        {
            reason = $"it does not start with '{TagPrefix}'";
            return false;
        }

        var path = tag[TagPrefix.Length..].TrimEnd('/');
        reason = Validate(path);
        if (reason is not null)
        {
            return false;
        }

        prefix = path;
        return true;
    }

    private static string? Validate(string path)
    {
        if (path.Length == 0)
        {
            return "the root path would take every request";
        }

        if (path.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (path[0] != '/')
        {
            return "only a path starting with '/' is supported (no host, no options)";
        }

        foreach (var segment in path[1..].Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                return "it has an empty or dot segment";
            }

            if (!segment.All(IsSegmentCharacter))
            {
                return "a segment holds a character other than letters, digits, '-', '_', '.' or '~'";
            }
        }

        var shadowed = Reserved.FirstOrDefault(own =>
            path.Equals(own, StringComparison.OrdinalIgnoreCase) || path.StartsWith(own + "/", StringComparison.OrdinalIgnoreCase));
        return shadowed is null ? null : $"{shadowed} is the gateway's own endpoint";
    }

    private static bool IsSegmentCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';
}
