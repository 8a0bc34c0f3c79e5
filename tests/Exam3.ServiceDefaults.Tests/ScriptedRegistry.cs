using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exam3.ServiceDefaults.Tests;

/// <summary>A blocking query whose answers the test gives one at a time; each query waits for the next answer.</summary>
internal sealed class ScriptedRegistry<T>
    where T : class
{
    private readonly Channel<Func<ulong, ConsulResponse<T>>> _answers = Channel.CreateUnbounded<Func<ulong, ConsulResponse<T>>>();
    private long _lastIndexAsked = -1;
    private int _asked;

    public long LastIndexAsked => Interlocked.Read(ref _lastIndexAsked);

    public int Asked => Volatile.Read(ref _asked);

    /// <summary>A started watch of <paramref name="name"/> whose every query this registry answers.</summary>
    public BlockingQueryWatch<T> StartWatch(string name) => new BlockingQueryWatch<T>(name, QueryAsync, NullLogger.Instance).Start();

    /// <summary>A started watch of <paramref name="name"/> that has taken <paramref name="value"/> as its first answer.</summary>
    public async Task<BlockingQueryWatch<T>> StartWatchAsync(string name, T value, ulong index)
    {
        Answer(value, index);
        var watch = StartWatch(name);
        try
        {
            await watch.FirstValueAsync(Cancellation);
            return watch;
        }
        catch
        {
            await watch.DisposeAsync();
            throw;
        }
    }

    public void Answer(T value, ulong index) => _answers.Writer.TryWrite(_ => new ConsulResponse<T>(value, index));

    public void Fail() => _answers.Writer.TryWrite(_ => throw new HttpRequestException("connection refused"));

    public async Task<ConsulResponse<T>> QueryAsync(ulong index, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastIndexAsked, (long)index);
        Interlocked.Increment(ref _asked);
        var answer = await _answers.Reader.ReadAsync(cancellationToken);
        return answer(index);
    }
}
