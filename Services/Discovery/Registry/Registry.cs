namespace Exam3.Discovery.Registry;

/// <summary>The outcome of a write: the new state, or why the write was refused (a Consul status code and text).</summary>
internal readonly record struct Change(RegistryState State, RegistryError? Error = null)
{
    public static Change Fail(RegistryState unchanged, int statusCode, string message) =>
        new(unchanged, new RegistryError(statusCode, message));
}

internal sealed record RegistryError(int StatusCode, string Message);

/// <summary>
/// Holds the current <see cref="RegistryState"/>. Writes are serialised and swap in a new snapshot; reads never lock.
/// Each snapshot carries a signal that fires when it is replaced, which is all a blocking query needs to wait on.
/// </summary>
internal sealed class ConsulRegistry
{
    private readonly Lock _writeLock = new();
    private Version _current;

    public ConsulRegistry(RegistryState initial) => _current = new Version(initial);

    public RegistryState Current => Volatile.Read(ref _current).State;

    /// <summary>Completes when <paramref name="seen"/> is no longer the current snapshot (at once if it already is not).</summary>
    public Task ReplacedAsync(RegistryState seen)
    {
        var current = Volatile.Read(ref _current);
        return ReferenceEquals(current.State, seen) ? current.Replaced.Task : Task.CompletedTask;
    }

    /// <summary>Applies <paramref name="write"/> to the current state atomically and publishes the result unless it failed.</summary>
    public Change Apply(Func<RegistryState, Change> write)
    {
        Version replaced;
        Change change;
        lock (_writeLock)
        {
            replaced = _current;
            change = write(replaced.State);
            if (change.Error is not null || ReferenceEquals(change.State, replaced.State))
            {
                return change;
            }

            if (change.State.Index < replaced.State.Index)
            {
                throw new InvalidOperationException("The registry index must never go backwards.");
            }

            Volatile.Write(ref _current, new Version(change.State));
        }

        replaced.Replaced.TrySetResult();
        return change;
    }

    private sealed class Version(RegistryState state)
    {
        public RegistryState State { get; } = state;

        public TaskCompletionSource Replaced { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
