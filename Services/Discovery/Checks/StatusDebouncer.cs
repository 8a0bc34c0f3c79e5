namespace Exam3.Discovery.Checks;

/// <summary>
/// Consul's SuccessBeforePassing / FailuresBeforeWarning / FailuresBeforeCritical: a result only becomes the
/// check's status after enough consecutive results agree (all 0 by default: every result counts at once).
/// </summary>
internal sealed class StatusDebouncer(CheckDefinition definition)
{
    private int _successes;
    private int _failures;

    /// <summary>The status to record for this result, or null to keep the current one.</summary>
    public string? Decide(string status)
    {
        if (status == CheckStatus.Passing)
        {
            _failures = 0;
            _successes++;
            return _successes >= definition.SuccessBeforePassing ? CheckStatus.Passing : null;
        }

        _successes = 0;
        _failures++;
        return _failures >= definition.FailuresBeforeCritical ? status
            : _failures >= definition.FailuresBeforeWarning ? CheckStatus.Warning
            : null;
    }
}
