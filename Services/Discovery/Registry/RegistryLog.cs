namespace Exam3.Discovery.Registry;

/// <summary>Every change to what is registered, with the service and the instance, as the issue asks for.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(1, LogLevel.Information, "Registered instance {InstanceId} of service {Service} at {Address}:{Port} with {CheckCount} check(s)")]
    public static partial void Registered(this ILogger logger, string service, string instanceId, string address, int port, int checkCount);

    [LoggerMessage(2, LogLevel.Information, "Deregistered instance {InstanceId} of service {Service}")]
    public static partial void Deregistered(this ILogger logger, string service, string instanceId);

    [LoggerMessage(3, LogLevel.Warning, "Reaped instance {InstanceId} of service {Service}: critical for longer than its DeregisterCriticalServiceAfter")]
    public static partial void Reaped(this ILogger logger, string service, string instanceId);

    [LoggerMessage(4, LogLevel.Information, "Check {CheckId} of instance {InstanceId} of service {Service} is now {Status}: {Output}")]
    public static partial void CheckChanged(this ILogger logger, string checkId, string instanceId, string service, string status, string output);

    [LoggerMessage(5, LogLevel.Information, "Maintenance mode {State} for instance {InstanceId} of service {Service}")]
    public static partial void Maintenance(this ILogger logger, string state, string instanceId, string service);

    [LoggerMessage(6, LogLevel.Information, "Registered check {CheckId} for instance {InstanceId}")]
    public static partial void CheckRegistered(this ILogger logger, string checkId, string instanceId);

    [LoggerMessage(7, LogLevel.Information, "Deregistered check {CheckId} of instance {InstanceId}")]
    public static partial void CheckDeregistered(this ILogger logger, string checkId, string instanceId);

    [LoggerMessage(8, LogLevel.Information, "Maintenance mode {State} for node {Node}")]
    public static partial void NodeMaintenance(this ILogger logger, string state, string node);

    [LoggerMessage(9, LogLevel.Information, "Created session {SessionId} ({Name}), behavior {Behavior}, TTL {Ttl}")]
    public static partial void SessionCreated(this ILogger logger, string sessionId, string name, string behavior, string ttl);

    [LoggerMessage(10, LogLevel.Information, "Ended session {SessionId}: {Reason}")]
    public static partial void SessionDestroyed(this ILogger logger, string sessionId, string reason);
}
