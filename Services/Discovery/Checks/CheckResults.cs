namespace Exam3.Discovery.Checks;

/// <summary>Writes check results into the registry and logs every change of status.</summary>
internal sealed class CheckResults(ConsulRegistry registry, TimeProvider time, ILogger<ConsulRegistry> logger)
{
    /// <summary>Records a result; false when the check no longer exists, so its monitor can stop.</summary>
    public bool Record(string checkId, string status, string output)
    {
        var before = registry.Current.Checks.GetValueOrDefault(checkId);
        var change = registry.Apply(state => state.UpdateCheck(checkId, status, output, time.GetUtcNow()));
        if (change.Error is not null)
        {
            return false;
        }

        if (before?.Status != status && change.State.Checks.TryGetValue(checkId, out var after))
        {
            logger.CheckChanged(checkId, after.ServiceId, change.State.ServiceOf(after)?.Name ?? "", status, output);
        }

        return true;
    }

    /// <summary>A TTL ran out: critical, keeping the last output as Consul's CheckTTL does.</summary>
    public bool Expire(string checkId)
    {
        var last = registry.Current.Checks.GetValueOrDefault(checkId)?.Output ?? "";
        var output = last.Length == 0 ? "TTL expired" : $"TTL expired (last output before timeout follows): {last}";
        return Record(checkId, CheckStatus.Critical, output);
    }
}
