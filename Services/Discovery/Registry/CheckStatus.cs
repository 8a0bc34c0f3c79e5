namespace Exam3.Discovery.Registry;

/// <summary>Consul's check states, spelled as on the wire.</summary>
internal static class CheckStatus
{
    public const string Passing = "passing";
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static bool IsValid(string? status) => status is Passing or Warning or Critical;
}
