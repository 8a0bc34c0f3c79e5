using System.Text.RegularExpressions;

namespace Exam3.Discovery.Api;

/// <summary>Consul's limits on service metadata (structs.ValidateServiceMetadata), with its messages.</summary>
internal static partial class ServiceMeta
{
    private const int MaxPairs = 64;
    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 512;

    public static string? Validate(IReadOnlyDictionary<string, string>? meta)
    {
        if (meta is null)
        {
            return null;
        }

        if (meta.Count > MaxPairs)
        {
            return $"Node metadata cannot contain more than {MaxPairs} key/value pairs";
        }

        foreach (var (key, value) in meta)
        {
            var problem =
                key.Length == 0 ? "Key cannot be blank"
                : !ValidKey().IsMatch(key) ? $"Key contains invalid characters: {key}"
                : key.Length > MaxKeyLength ? $"Key is too long (limit: {MaxKeyLength} characters)"
                : key.StartsWith("consul-", StringComparison.Ordinal) ? "Key prefix 'consul-' is reserved for internal use"
                : (value ?? "").Length > MaxValueLength ? $"Value is too long (limit: {MaxValueLength} characters)"
                : null;
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex ValidKey();
}
