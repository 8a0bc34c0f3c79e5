using System.Reflection;

namespace Exam3.Discovery.Api;

/// <summary>Consul's CheckType.Validate, and which kinds of check this registry can run.</summary>
internal static class CheckRules
{
    // Every field of a check with the value an empty `"Check": {}` decodes to.
    private static readonly (PropertyInfo Field, object? Empty)[] EmptyFields =
        [.. typeof(CheckTypeJson).GetProperties().Select(field => (field, field.GetValue(new CheckTypeJson())))];

    /// <summary>A check with no field set is ignored, as Consul ignores `"Check": {}`.</summary>
    /// <remarks>
    /// Compared field by field, not as serialized JSON: serializing a check with a long Body or Notes rents a buffer of
    /// that size from the shared array pool, which keeps it per thread (see <see cref="JsonTreeReader"/>).
    /// </remarks>
    public static bool IsEmpty(CheckTypeJson check) =>
        EmptyFields.All(empty => Equals(empty.Field.GetValue(check), empty.Empty));

    public static RegistryError? Validate(CheckTypeJson check)
    {
        var script = check.ScriptArgs is { Count: > 0 } || check.Args is { Count: > 0 };
        var intervalKind = script || Set(check.Http) || Set(check.Tcp) || Set(check.Udp) || Set(check.Grpc) || Set(check.H2Ping) || Set(check.OsService);
        var alias = Set(check.AliasNode) || Set(check.AliasService);
        var reason =
            check.Interval > TimeSpan.Zero && check.Ttl > TimeSpan.Zero ? "Interval and TTL cannot both be specified"
            : intervalKind && check.Interval <= TimeSpan.Zero ? "Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks"
            : intervalKind && alias ? "Interval cannot be set for Alias checks"
            : alias && check.Ttl > TimeSpan.Zero ? "TTL must be not be set for Alias checks"
            : !intervalKind && !alias && check.Ttl <= TimeSpan.Zero ? "TTL must be > 0 for TTL checks"
            : check.OutputMaxSize < 0 ? "MaxOutputMaxSize must be positive"
            : null;
        if (reason is not null)
        {
            return new RegistryError(StatusCodes.Status400BadRequest, $"Invalid check: {reason}");
        }

        if (script)
        {
            // A dev agent has enable_script_checks off, and so do we: the registry never runs commands it is sent.
            return new RegistryError(StatusCodes.Status500InternalServerError,
                "Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true");
        }

        var unsupported = Set(check.Udp) ? "UDP" : Set(check.Grpc) ? "GRPC" : Set(check.H2Ping) ? "H2PING"
            : Set(check.OsService) ? "OSService" : alias ? "Alias" : null;
        return unsupported is null
            ? null
            : new RegistryError(StatusCodes.Status400BadRequest, $"Invalid check: {unsupported} checks are not supported by this registry (HTTP, TCP and TTL are)");
    }

    private static bool Set(string? value) => !string.IsNullOrEmpty(value);
}
