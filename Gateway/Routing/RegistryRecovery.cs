namespace Exam3.Gateway.Routing;

/// <summary>
/// Bridges a registry restart. Exam3's registry, like <c>consul agent -dev</c>, keeps its state in memory: after a
/// restart it answers with nothing until the replicas register again. For a grace period after an outage, the
/// instances known before it are kept beside what the registry answers, so traffic does not stop in between.
/// </summary>
internal sealed class RegistryRecovery(TimeSpan grace)
{
    private IReadOnlyList<RoutedService>? _beforeOutage;
    private DateTimeOffset? _graceEnds;

    /// <summary>True while instances from before an outage are kept beside the registry's answers.</summary>
    public bool IsBridging => _beforeOutage is not null;

    /// <summary>When the instances from before the outage are let go, once the registry answers again.</summary>
    public DateTimeOffset? GraceEnds => _graceEnds;

    /// <summary>
    /// What to route: <paramref name="current"/>, the registry's latest answers, widened while recovering.
    /// <paramref name="published"/> is what was routed last, remembered when an outage begins.
    /// </summary>
    public IReadOnlyList<RoutedService> Apply(IReadOnlyList<RoutedService> current, IReadOnlyList<RoutedService> published, bool registryUnreachable, DateTimeOffset now)
    {
        if (registryUnreachable)
        {
            // Some watches may already hear the restarted, empty registry while others still cannot reach it.
            _beforeOutage ??= published;
            _graceEnds = null;
            return Merge(current, _beforeOutage);
        }

        if (_beforeOutage is null)
        {
            return current;
        }

        _graceEnds ??= now + grace;
        if (now >= _graceEnds)
        {
            _beforeOutage = null;
            _graceEnds = null;
            return current;
        }

        return Merge(current, _beforeOutage);
    }

    private static List<RoutedService> Merge(IReadOnlyList<RoutedService> current, IReadOnlyList<RoutedService> before)
    {
        var earlier = before.ToDictionary(service => service.Name, StringComparer.Ordinal);
        var merged = current
            .Select(service => earlier.TryGetValue(service.Name, out var old)
                ? service with
                {
                    Instances = [.. service.Instances
                        .UnionBy(old.Instances, instance => instance.Id, StringComparer.Ordinal)
                        .OrderBy(instance => instance.Node, StringComparer.Ordinal)
                        .ThenBy(instance => instance.Id, StringComparer.Ordinal)],
                }
                : service)
            .ToList();

        var names = merged.Select(service => service.Name).ToHashSet(StringComparer.Ordinal);
        merged.AddRange(before.Where(service => !names.Contains(service.Name)));
        return [.. merged.OrderBy(service => service.Name, StringComparer.Ordinal)];
    }
}
