using System.Diagnostics.CodeAnalysis;

namespace Exam3.Discovery.Api;

/// <summary>
/// The `?filter=` expressions Consul evaluates with go-bexpr, for the subset clients use: selectors such as
/// `Service.Tags`, `Service.Meta.version`, `Checks.Status`; `==`, `!=`, `contains`, `not contains`, `in`, `not in`,
/// `is empty`, `is not empty`, `matches`, `not matches`; `and`, `or`, `not` and parentheses. Anything else is a 400.
/// </summary>
internal sealed class ConsulFilter
{
    private static readonly JsonSerializerOptions ViewOptions = new();
    private readonly FilterExpression? _expression;

    private ConsulFilter(FilterExpression? expression) => _expression = expression;

    /// <summary>Parses ?filter for answers of type <typeparamref name="T"/>, whose fields are the selectors it may use.</summary>
    public static bool TryParse<T>(IQueryCollection query, out ConsulFilter filter, [NotNullWhen(false)] out string? error)
    {
        filter = new ConsulFilter(null);
        error = null;
        var text = query["filter"].ToString();
        if (text.Trim().Length == 0)
        {
            return true;
        }

        if (!FilterParser.TryParse(text, FilterSelectors.For(typeof(T)), out var expression, out var problem))
        {
            error = $"Failed to create boolean expression evaluator: {problem}";
            return false;
        }

        filter = new ConsulFilter(expression);
        return true;
    }

    /// <summary>Parses ?filter and keeps the views it matches, or explains why the filter is invalid.</summary>
    public static bool TryApply<T>(IQueryCollection query, IEnumerable<T> views, out IEnumerable<T> selected, [NotNullWhen(false)] out string? error)
    {
        var parsed = TryParse<T>(query, out var filter, out error);
        selected = parsed ? views.Where(view => filter.Matches(view)) : [];
        return parsed;
    }

    public bool Matches<T>(T view) =>
        _expression is null || _expression.Evaluate(JsonSerializer.SerializeToElement(view, ViewOptions));

    /// <inheritdoc cref="Matches{T}(T)"/>
    public bool Matches(ServiceEntryView view) => Matches<ServiceEntryView>(view);

    /// <inheritdoc cref="Matches{T}(T)"/>
    public bool Matches(HealthCheckView view) => Matches<HealthCheckView>(view);
}
