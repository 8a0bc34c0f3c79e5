using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Exam3.EndToEnd.Tests.Dashboard;

/// <summary>
/// What the browser saw while a page was open: console errors and warnings, uncaught exceptions, failed requests and
/// the life of its WebSockets (the dashboard renders only over the Blazor circuit's). A page that never rendered (once
/// in CI: no "Resources" heading within 30 s of signing in) leaves nothing of this in the test's output otherwise.
/// </summary>
internal sealed class PageRecord
{
    private const int ShownCharacters = 1_000;

    private readonly IPage _page;
    private readonly ConcurrentQueue<string> _events = new();

    public PageRecord(IPage page)
    {
        _page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Add($"uncaught: {error}");
        page.RequestFailed += (_, request) => Add($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.WebSocket += (_, socket) =>
        {
            Add($"websocket opened: {socket.Url}");
            socket.SocketError += (_, error) => Add($"websocket error: {error}");
            socket.Close += (_, _) => Add($"websocket closed: {socket.Url}");
        };
    }

    /// <summary>
    /// Where the page is, what happened to it and what it reads, a line each, for a failure's message (CI repeats the
    /// first lines of each failure at the end of its log).
    /// </summary>
    public async Task<string> DescribeAsync()
    {
        string text;
        try
        {
            text = await _page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
        }
        catch (PlaywrightException unreadable)
        {
            text = $"(unreadable: {unreadable.Message})";
        }

        var reads = string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var saw = _events.IsEmpty ? "nothing" : string.Join("; ", _events);
        return string.Join(Environment.NewLine,
            $"The page is {_page.Url}.", $"The browser saw: {saw}.", $"It reads: {reads[..Math.Min(reads.Length, ShownCharacters)]}");
    }

    private void Add(string happening) => _events.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {happening}");
}
