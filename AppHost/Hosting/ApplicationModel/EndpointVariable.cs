namespace Exam3.Hosting.ApplicationModel;

/// <summary>
/// A further port of a resource, passed to it as <see cref="Variable"/>=127.0.0.1:port; the port is <see cref="DefaultPort"/>
/// unless configuration <c>Ports:&lt;Name&gt;</c> says otherwise (and free under the testing harness).
/// </summary>
public sealed record EndpointVariable(string Name, int DefaultPort, string Variable);
