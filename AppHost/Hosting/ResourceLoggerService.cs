using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Exam3.Hosting;

/// <summary>One line a replica wrote to stdout or stderr.</summary>
public sealed record ConsoleLine(DateTimeOffset Timestamp, string Text, bool IsError);

/// <summary>
/// Every replica's console output, kept (the last <see cref="MaxLinesPerReplica"/> lines) for the dashboard and tests, and
/// optionally echoed in the terminal prefixed by the replica's name.
/// </summary>
public sealed class ResourceLoggerService
{
    /// <summary>As many lines as the Aspire dashboard keeps per resource by default.</summary>
    public const int MaxLinesPerReplica = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<ConsoleLine>> _lines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Channel<ConsoleLine>>> _watchers = new(StringComparer.Ordinal);
    private readonly ResourceChangeFeed _changes;
    private readonly Action<string, ConsoleLine>? _echo;

    internal ResourceLoggerService(ResourceChangeFeed changes, Action<string, ConsoleLine>? echo)
    {
        _changes = changes;
        _echo = echo;
    }

    /// <summary>What the replica <paramref name="replicaName"/> has written so far, oldest first.</summary>
    public IReadOnlyList<ConsoleLine> GetLines(string replicaName)
    {
        lock (_lock)
        {
            return _lines.TryGetValue(replicaName, out var lines) ? [.. lines] : [];
        }
    }

    /// <summary>The lines written so far, then each new one, until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<ConsoleLine> WatchAsync(
        string replicaName,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ConsoleLine>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var line in _lines.GetValueOrDefault(replicaName) ?? [])
            {
                channel.Writer.TryWrite(line);
            }

            WatchersOf(replicaName).Add(channel);
        }

        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            lock (_lock)
            {
                WatchersOf(replicaName).Remove(channel);
            }
        }
    }

    internal void Append(string replicaName, string text, bool isError)
    {
        var line = new ConsoleLine(DateTimeOffset.UtcNow, text, isError);
        lock (_lock)
        {
            if (!_lines.TryGetValue(replicaName, out var lines))
            {
                _lines[replicaName] = lines = new Queue<ConsoleLine>();
            }

            lines.Enqueue(line);
            if (lines.Count > MaxLinesPerReplica)
            {
                lines.Dequeue();
            }

            foreach (var watcher in WatchersOf(replicaName))
            {
                watcher.Writer.TryWrite(line);
            }
        }

        _changes.Advance();
        _echo?.Invoke(replicaName, line);
    }

    private List<Channel<ConsoleLine>> WatchersOf(string replicaName)
    {
        if (!_watchers.TryGetValue(replicaName, out var watchers))
        {
            _watchers[replicaName] = watchers = [];
        }

        return watchers;
    }
}
