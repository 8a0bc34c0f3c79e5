using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Exam3.Discovery.Api;

/// <summary>
/// Consul fields a view does not write but go-bexpr still accepts as selectors, as dotted paths (`*` for any map key),
/// so that a filter valid on a real agent is valid here too.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class FilterSelectorsAttribute(params string[] paths) : Attribute
{
    public IReadOnlyList<string> Paths { get; } = paths;
}

/// <summary>
/// The selectors a filter may use on one response type, the way go-bexpr 0.1.2 (Consul's) derives them from the Go
/// struct: every field by name, any key below a map, the element's fields below a list of structs, nothing below a
/// list of strings; CreateIndex, ModifyIndex, Definition and ContentHash are tagged `bexpr:"-"` and never selectable.
/// </summary>
internal sealed class FilterSelectors
{
    private static readonly HashSet<string> Hidden = ["CreateIndex", "ModifyIndex", "Definition", "ContentHash"];
    private static readonly ConcurrentDictionary<Type, FilterSelectors> ByType = new();

    private readonly Dictionary<string, FilterSelectors> _fields = new(StringComparer.Ordinal);
    private FilterSelectors? _anyKey;

    public static FilterSelectors For(Type type) => ByType.GetOrAdd(type, Build);

    /// <summary>The shortest invalid prefix of <paramref name="selector"/>, as go-bexpr names it, or null when it is valid.</summary>
    public string? FirstInvalid(IReadOnlyList<string> selector)
    {
        var node = this;
        for (var depth = 0; depth < selector.Count; depth++)
        {
            node = node._fields.GetValueOrDefault(selector[depth]) ?? node._anyKey;
            if (node is null)
            {
                return string.Join('.', selector.Take(depth + 1));
            }
        }

        return null;
    }

    private static FilterSelectors Build(Type type)
    {
        var selectors = new FilterSelectors();
        if (ElementOf(type, out var isMap) is { } element)
        {
            // A map's keys are data: any name selects a value; a list of strings has nothing below it.
            var inner = element == typeof(string) ? new FilterSelectors() : For(element);
            if (isMap)
            {
                selectors._anyKey = inner;
            }
            else
            {
                return inner;
            }

            return selectors;
        }

        if (type.IsPrimitive || type == typeof(string) || type.IsEnum)
        {
            return selectors;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            if (!Hidden.Contains(name) && property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition != JsonIgnoreCondition.Always)
            {
                selectors._fields[name] = For(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            }
        }

        foreach (var path in type.GetCustomAttribute<FilterSelectorsAttribute>()?.Paths ?? [])
        {
            selectors.Add(path.Split('.'));
        }

        return selectors;
    }

    private void Add(IEnumerable<string> path)
    {
        var node = this;
        foreach (var part in path)
        {
            node = part == "*"
                ? node._anyKey ??= new FilterSelectors()
                : node._fields.TryGetValue(part, out var next) ? next : node._fields[part] = new FilterSelectors();
        }
    }

    private static Type? ElementOf(Type type, out bool isMap)
    {
        isMap = false;
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var dictionary = type.GetInterfaces().Append(type)
            .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            isMap = true;
            return dictionary.GetGenericArguments()[1];
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }
}
