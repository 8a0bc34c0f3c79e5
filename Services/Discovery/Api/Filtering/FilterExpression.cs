using System.Text.RegularExpressions;

namespace Exam3.Discovery.Api;

/// <summary>A parsed filter: a tree of and/or/not over matches, evaluated against a response object as JSON.</summary>
internal abstract record FilterExpression
{
    public abstract bool Evaluate(JsonElement subject);
}

internal sealed record AndExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Evaluate(JsonElement subject) => Left.Evaluate(subject) && Right.Evaluate(subject);
}

internal sealed record OrExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Evaluate(JsonElement subject) => Left.Evaluate(subject) || Right.Evaluate(subject);
}

internal sealed record NotExpression(FilterExpression Inner) : FilterExpression
{
    public override bool Evaluate(JsonElement subject) => !Inner.Evaluate(subject);
}

internal enum MatchOperator
{
    Equal,
    NotEqual,
    Contains,
    NotContains,
    IsEmpty,
    IsNotEmpty,
    Matches,
    NotMatches,
}

/// <summary>
/// One comparison. A selector that crosses a list (Checks.Status) matches when any element does. `matches` carries its
/// pattern compiled once, when the filter is parsed.
/// </summary>
internal sealed record MatchExpression(IReadOnlyList<string> Selector, MatchOperator Operator, string Value, Regex? Pattern = null) : FilterExpression
{
    public override bool Evaluate(JsonElement subject)
    {
        var values = Resolve(subject, 0).ToList();
        return Operator switch
        {
            MatchOperator.Equal => values.Any(value => Text(value) == Value),
            MatchOperator.NotEqual => !values.Any(value => Text(value) == Value),
            MatchOperator.Contains => values.Any(Contains),
            MatchOperator.NotContains => !values.Any(Contains),
            MatchOperator.IsEmpty => values.All(IsEmpty),
            MatchOperator.IsNotEmpty => !values.All(IsEmpty),
            MatchOperator.Matches => values.Any(value => Text(value) is { } text && Pattern!.IsMatch(text)),
            _ => !values.Any(value => Text(value) is { } text && Pattern!.IsMatch(text)),
        };
    }

    private IEnumerable<JsonElement> Resolve(JsonElement current, int depth)
    {
        if (current.ValueKind == JsonValueKind.Array && depth < Selector.Count)
        {
            return current.EnumerateArray().SelectMany(item => Resolve(item, depth));
        }

        if (depth == Selector.Count)
        {
            return [current];
        }

        return current.ValueKind == JsonValueKind.Object && current.TryGetProperty(Selector[depth], out var next)
            ? Resolve(next, depth + 1)
            : [];
    }

    private bool Contains(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Any(item => Text(item) == Value),
        JsonValueKind.Object => value.TryGetProperty(Value, out _),
        JsonValueKind.String => value.GetString()!.Contains(Value, StringComparison.Ordinal),
        _ => false,
    };

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Null => true,
        _ => false,
    };

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
