namespace Exam3.Gateway.Routing;

/// <summary>A service the gateway routes to: the prefixes it claimed and its instances whose checks pass.</summary>
internal sealed record RoutedService(string Name, IReadOnlyList<string> Prefixes, IReadOnlyList<RegisteredInstance> Instances)
{
    public bool Equals(RoutedService? other) =>
        other is not null && Name == other.Name && Prefixes.SequenceEqual(other.Prefixes) && Instances.SequenceEqual(other.Instances);

    public override int GetHashCode() => HashCode.Combine(Name, Prefixes.Count, Instances.Count);
}

/// <summary>A route tag the gateway refused, and why; logged once.</summary>
internal sealed record RejectedRoute(string Service, string Tag, string Reason);
