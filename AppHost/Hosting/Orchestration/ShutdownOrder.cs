using Exam3.Hosting.ApplicationModel;

namespace Exam3.Hosting.Orchestration;

/// <summary>
/// The order in which resources stop: a resource stops only once nothing that references or waits for it runs any more
/// (the gateway, then the replicas, then the registry), so that nothing loses what it depends on while still serving.
/// </summary>
internal static class ShutdownOrder
{
    /// <summary>Groups of resources that may stop together, first group first; throws if the dependencies form a cycle.</summary>
    public static IReadOnlyList<IReadOnlyList<Resource>> Of(IReadOnlyList<Resource> resources)
    {
        var remaining = resources.ToList();
        var groups = new List<IReadOnlyList<Resource>>();
        while (remaining.Count > 0)
        {
            var group = remaining.Where(resource => !remaining.Any(other => DependsOn(other, resource))).ToList();
            if (group.Count == 0)
            {
                throw new DistributedApplicationException(
                    $"The references and waits among {string.Join(", ", remaining.Select(resource => resource.Name))} form a cycle; " +
                    "no order can start or stop them.");
            }

            groups.Add(group);
            remaining.RemoveAll(group.Contains);
        }

        return groups;
    }

    private static bool DependsOn(Resource dependent, Resource dependency) =>
        dependent.References.Contains(dependency) || dependent.WaitsFor.Contains(dependency);
}
