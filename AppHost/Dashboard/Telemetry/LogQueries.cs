using Microsoft.Extensions.Logging;

namespace Exam3.Dashboard.Telemetry;

/// <summary>What the structured logs page asks for: one resource or service, a minimum level, a text to find.</summary>
internal sealed record LogFilter(string? Resource = null, LogLevel MinimumLevel = LogLevel.Trace, string? Text = null, int Limit = 500);

internal static class LogQueries
{
    /// <summary>Matching log records, newest first; the text is looked for in the message, the category and attribute values.</summary>
    public static IReadOnlyList<TelemetryLog> FindLogs(this TelemetryStore store, LogFilter filter) =>
    [
        .. store.Logs()
            .Reverse()
            .Where(log => filter.Resource is null || log.Resource.Matches(filter.Resource))
            .Where(log => log.Level >= filter.MinimumLevel)
            .Where(log => string.IsNullOrEmpty(filter.Text) || Contains(log, filter.Text))
            .Take(filter.Limit),
    ];

    private static bool Contains(TelemetryLog log, string text) =>
        log.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || log.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
        || log.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase));
}
