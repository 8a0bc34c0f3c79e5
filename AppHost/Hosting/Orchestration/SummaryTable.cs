using System.Text;
using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting.Orchestration;

/// <summary>The start-up summary: each replica, its type, its state and its URL, then the dashboard's address.</summary>
internal static class SummaryTable
{
    public static string Render(IReadOnlyList<ResourceSnapshot> replicas, HostedDashboard? dashboard, DashboardEndpoints planned)
    {
        string[] header = ["Resource", "Type", "State", "URL"];
        var rows = replicas
            .Select(replica => new[] { replica.Name, replica.ResourceType, replica.StateText, string.Join(' ', replica.Urls) })
            .Prepend(header)
            .ToList();
        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();

        var text = new StringBuilder().AppendLine();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        text.AppendLine(dashboard is null
            ? $"Dashboard: not hosted by this AppHost yet (its reserved address is {planned.Browser})."
            : $"Dashboard: {dashboard.LoginUrl ?? dashboard.Endpoints.Browser} (OTLP gRPC {dashboard.Endpoints.OtlpGrpc}, HTTP {dashboard.Endpoints.OtlpHttp})");
        return text.ToString();
    }
}
