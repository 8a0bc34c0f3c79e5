namespace Exam3.Hosting;

/// <summary>
/// A counter that grows whenever a replica's state or console output changes, so that a viewer (the dashboard) can wait for
/// "anything new since version N" instead of polling.
/// </summary>
public sealed class ResourceChangeFeed
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Version { get; private set; }

    /// <summary>Completes at once if <see cref="Version"/> is past <paramref name="knownVersion"/>, else at the next change.</summary>
    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Version != knownVersion ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    internal void Advance()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            Version++;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }
}
