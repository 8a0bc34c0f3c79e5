using Exam3.Dashboard.Resources;

namespace Exam3.Dashboard.Tests;

/// <summary>The AppHost's side of the seam, played by the test: three replicas whose state commands change.</summary>
internal sealed class FakeResourceCatalog : IResourceCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _states = new()
    {
        ["operations-aaaaaaaa"] = "Running",
        ["operations-bbbbbbbb"] = "Running",
        ["operations-cccccccc"] = "Running",
    };

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Version { get; private set; }

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        lock (_gate)
        {
            return [.. _states.Select(replica => new ResourceSnapshot(
                replica.Key, "operations", "Project", replica.Value, replica.Value == "Running" ? "Healthy" : null, null, null,
                [], 0, new Dictionary<string, string> { ["OTEL_SERVICE_NAME"] = "operations" }, [],
                replica.Value == "Running" ? [ResourceCommands.Stop, ResourceCommands.Restart] : [ResourceCommands.Start]))];
        }
    }

    public IReadOnlyList<ConsoleLogLine>? GetConsoleLogs(string resourceName) =>
        _states.ContainsKey(resourceName) ? [new ConsoleLogLine(DateTimeOffset.UnixEpoch, $"{resourceName} listening", false)] : null;

    public Task<ResourceCommandResult> ExecuteCommandAsync(string resourceName, string command, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_states.ContainsKey(resourceName))
            {
                return Task.FromResult(new ResourceCommandResult(false, $"No resource {resourceName}."));
            }

            _states[resourceName] = command == ResourceCommands.Stop ? "Exited" : "Running";
            Version++;
            var previous = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.SetResult();
            return Task.FromResult(new ResourceCommandResult(true));
        }
    }

    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Version != knownVersion ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }
}
