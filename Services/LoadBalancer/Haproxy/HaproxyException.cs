namespace Exam3.LoadBalancer.Haproxy;

/// <summary>HAProxy refused a command, did not start, or is not in the state it was told to be in.</summary>
internal sealed class HaproxyException(string message, Exception? inner = null) : Exception(message, inner);
