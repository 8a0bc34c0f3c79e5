using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>
/// The last warnings and errors the dashboard has logged, kept for as long as the distribution runs: the dashboard's
/// side of a page that never rendered, for the failure's message (each line of its log is JSON, with a LogLevel).
/// </summary>
internal sealed class DashboardComplaints : IAsyncDisposable
{
    private const int Kept = 10;
    private static readonly Regex Complaint = new("\"LogLevel\":\"(Warning|Error|Critical)\"");

    private readonly ConcurrentQueue<string> _last = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _watching;

    public DashboardComplaints(DistributedApplication app, string dashboardResource) =>
        _watching = WatchAsync(app, dashboardResource, _stopping.Token);

    public override string ToString() => _last.IsEmpty ? "none" : string.Join(" ", _last);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _watching;
        _stopping.Dispose();
    }

    private async Task WatchAsync(DistributedApplication app, string dashboardResource, CancellationToken stopping)
    {
        try
        {
            // The log is kept under the instance's name (DCP's, with a suffix), not the resource's.
            var instance = (await app.ResourceNotifications.WaitForResourceAsync(dashboardResource, _ => true, stopping)).ResourceId;
            await foreach (var lines in app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(instance).WithCancellation(stopping))
            {
                foreach (var line in lines.Where(line => Complaint.IsMatch(line.Content)))
                {
                    _last.Enqueue(Summary(line.Content));
                    while (_last.Count > Kept && _last.TryDequeue(out _))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    // "<time> {json}" as "[<time> <level> <category>] <message> <the exception's first line>".
    private static string Summary(string line)
    {
        var separator = Math.Max(line.IndexOf(' '), 0);
        try
        {
            using var entry = JsonDocument.Parse(line[separator..]);
            var fields = entry.RootElement;
            var message = fields.GetProperty("Message").GetString()?.ReplaceLineEndings(" ");
            var exception = fields.TryGetProperty("Exception", out var thrown) ? $" {thrown.GetString()?.Split('\n')[0]}" : "";
            return $"[{line[..separator]} {fields.GetProperty("LogLevel")} {fields.GetProperty("Category")}] {message}{exception}";
        }
        catch (Exception unexpected) when (unexpected is JsonException or KeyNotFoundException)
        {
            return line;
        }
    }
}
