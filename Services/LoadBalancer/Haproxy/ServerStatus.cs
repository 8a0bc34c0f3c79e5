namespace Exam3.LoadBalancer.Haproxy;

/// <summary>
/// One server of a backend as HAProxy sees it (a row of "show stat"). Status: UP, DOWN, MAINT, "UP 1/2" while checks
/// change its mind. CheckStatus: the last health check's result, L7OK, L4CON (refused), L4TOUT, ...
/// </summary>
internal sealed record ServerStatus(string Server, string Address, string Status, string CheckStatus, long CurrentSessions, long TotalSessions)
{
    public bool IsInMaintenance => Status.StartsWith("MAINT", StringComparison.Ordinal);

    /// <summary>Reads the servers' rows of "show stat" CSV, finding columns by the header so that versions may add some.</summary>
    public static IReadOnlyList<ServerStatus> ParseCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || !lines[0].StartsWith('#'))
        {
            throw new HaproxyException($"'show stat' did not answer CSV: {csv}");
        }

        var header = lines[0].TrimStart('#', ' ').Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var index and >= 0
            ? index
            : throw new HaproxyException($"'show stat' has no column '{name}'.");

        var (server, address, status, check, current, total) =
            (Column("svname"), Column("addr"), Column("status"), Column("check_status"), Column("scur"), Column("stot"));
        return lines.Skip(1)
            .Select(line => line.Split(','))
            .Where(fields => fields.Length == header.Length || fields.Length == header.Length + 1)
            .Where(fields => fields[server] is not ("FRONTEND" or "BACKEND"))
            .Select(fields => new ServerStatus(
                fields[server], fields[address], fields[status], fields[check], Number(fields[current]), Number(fields[total])))
            .ToList();
    }

    private static long Number(string field) => long.TryParse(field, out var value) ? value : 0;
}
