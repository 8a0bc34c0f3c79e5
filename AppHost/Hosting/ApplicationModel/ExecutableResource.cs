namespace Exam3.Hosting.ApplicationModel;

/// <summary>Any program on the machine (haproxy, a real consul), with arguments that may depend on the replica's endpoint.</summary>
public sealed class ExecutableResource(
    string name,
    string command,
    string workingDirectory,
    Func<ReplicaEndpoint, IEnumerable<string>> arguments) : Resource(name)
{
    public string Command { get; } = command;

    public override string Type => "Executable";

    public override string Source => Command;

    internal override ProcessLaunch CreateLaunch(ReplicaEndpoint endpoint) =>
        new(Command, [.. arguments(endpoint)], workingDirectory);
}
