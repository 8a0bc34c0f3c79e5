namespace Exam3.Discovery.Tests;

/// <summary>
/// The shape of a JSON document: every property path with the kind of its value, map keys folded into `*`
/// (a map's keys are data, not shape), and each object's property order.
/// </summary>
public static class JsonShape
{
    private static readonly HashSet<string> MapProperties =
        ["Meta", "NodeMeta", "ServiceMeta", "TaggedAddresses", "ServiceTaggedAddresses", "Tags", "Header", "Services"];

    public static JsonElement Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name))).RootElement;

    /// <summary>Each path with its kind; a null is written as "null" and matches any kind in comparisons.</summary>
    public static SortedDictionary<string, string> Paths(JsonElement element, bool rootIsMap = false)
    {
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(element, "$", rootIsMap, paths);
        return paths;
    }

    /// <summary>Property names of every record-like object, in order, by path.</summary>
    public static Dictionary<string, string> Orders(JsonElement element, bool rootIsMap = false)
    {
        var orders = new Dictionary<string, string>(StringComparer.Ordinal);
        Order(element, "$", rootIsMap, orders);
        return orders;
    }

    /// <summary>Asserts that every path of <paramref name="expected"/> (except those containing one of <paramref name="ignored"/>) is in <paramref name="actual"/> with the same kind.</summary>
    public static void AssertContains(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, StringComparer comparer, params string[] ignored)
    {
        var ours = actual.ToDictionary(pair => pair.Key, pair => pair.Value, comparer);
        foreach (var (path, kind) in expected.Where(pair => !ignored.Any(part => pair.Key.Contains(part, StringComparison.Ordinal))))
        {
            Assert.True(ours.TryGetValue(path, out var ourKind), $"missing {path} ({kind})");
            Assert.True(kind == "null" || ourKind == "null" || kind == ourKind, $"{path}: expected {kind}, got {ourKind}");
        }
    }

    private static void Walk(JsonElement element, string path, bool isMap, SortedDictionary<string, string> paths)
    {
        paths[path] = Kind(element);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, isMap ? $"{path}.*" : $"{path}.{property.Name}", !isMap && MapProperties.Contains(property.Name), paths);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[]", false, paths);
                }

                break;
        }
    }

    private static void Order(JsonElement element, string path, bool isMap, Dictionary<string, string> orders)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (!isMap)
            {
                orders[path] = string.Join(",", element.EnumerateObject().Select(property => property.Name));
            }

            foreach (var property in element.EnumerateObject())
            {
                Order(property.Value, isMap ? $"{path}.*" : $"{path}.{property.Name}", !isMap && MapProperties.Contains(property.Name), orders);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Order(item, $"{path}[]", false, orders);
            }
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "bool",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
