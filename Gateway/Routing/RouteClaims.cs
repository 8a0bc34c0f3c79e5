namespace Exam3.Gateway.Routing;

/// <summary>Which service owns which path prefix, read from the catalog's <c>urlprefix-</c> tags.</summary>
internal static class RouteClaims
{
    /// <summary>The registry's own service name in Consul; its API is never exposed through the gateway.</summary>
    public const string RegistryService = "consul";

    /// <summary>
    /// Reads the prefixes each service claims. A prefix claimed by two services goes to the first by name, so the
    /// outcome does not depend on the order the registry lists them in. <paramref name="remembered"/> are services
    /// routed before that the catalog no longer lists: they keep their routes, so that a service whose instances
    /// all left answers 503, not 404, unless another service has claimed the prefix since.
    /// </summary>
    public static (IReadOnlyDictionary<string, IReadOnlyList<string>> Claims, IReadOnlyList<RejectedRoute> Rejected) Read(
        CatalogServices? catalog,
        IReadOnlyDictionary<string, IReadOnlyList<string>> remembered)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var claims = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var rejected = new List<RejectedRoute>();
        var listed = catalog?.Services ?? new Dictionary<string, IReadOnlyList<string>>();

        foreach (var (service, tags) in listed.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var routeTags = tags.Where(RoutePrefix.IsRouteTag).Distinct(StringComparer.Ordinal).ToList();
            // YARP's cluster IDs ignore case; Consul's service names do not.
            var unique = routeTags.Count == 0 || names.Add(service);
            foreach (var tag in routeTags)
            {
                if (service == RegistryService)
                {
                    rejected.Add(new(service, tag, "the registry is never routed"));
                }
                else if (!unique)
                {
                    rejected.Add(new(service, tag, "another service has the same name but for case"));
                }
                else if (!RoutePrefix.TryParse(tag, out var prefix, out var reason))
                {
                    rejected.Add(new(service, tag, reason));
                }
                else if (owners.TryGetValue(prefix, out var owner) && owner != service)
                {
                    rejected.Add(new(service, tag, $"{prefix} is already routed to {owner}"));
                }
                else
                {
                    owners[prefix] = service;
                    Claim(claims, service, prefix);
                }
            }
        }

        foreach (var (service, prefixes) in remembered.Where(pair => !listed.ContainsKey(pair.Key) && names.Add(pair.Key)))
        {
            foreach (var prefix in prefixes.Where(prefix => owners.TryAdd(prefix, service)))
            {
                Claim(claims, service, prefix);
            }
        }

        return (claims.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<string>)[.. pair.Value.Order(StringComparer.Ordinal)],
            StringComparer.Ordinal), rejected);
    }

    private static void Claim(SortedDictionary<string, List<string>> claims, string service, string prefix)
    {
        if (!claims.TryGetValue(service, out var prefixes))
        {
            claims[service] = prefixes = [];
        }

        if (!prefixes.Contains(prefix, StringComparer.OrdinalIgnoreCase))
        {
            prefixes.Add(prefix);
        }
    }
}
