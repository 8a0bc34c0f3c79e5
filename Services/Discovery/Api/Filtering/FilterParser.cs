using System.Diagnostics.CodeAnalysis;

namespace Exam3.Discovery.Api;

/// <summary>A recursive-descent parser for the filter subset; no library here speaks go-bexpr.</summary>
internal sealed class FilterParser
{
    private readonly List<string> _tokens;
    private readonly FilterSelectors _selectors;
    private int _position;

    private FilterParser(List<string> tokens, FilterSelectors selectors)
    {
        _tokens = tokens;
        _selectors = selectors;
    }

    /// <summary>Parses <paramref name="text"/>, accepting only selectors of <paramref name="selectors"/> and RE2 patterns, as Consul does.</summary>
    public static bool TryParse(string text, FilterSelectors selectors, [NotNullWhen(true)] out FilterExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;
        if (!TryTokenize(text, out var tokens, out error))
        {
            return false;
        }

        var parser = new FilterParser(tokens, selectors);
        try
        {
            expression = parser.ParseOr();
            if (parser._position < tokens.Count)
            {
                throw new FormatException($"unexpected \"{tokens[parser._position]}\"");
            }

            return true;
        }
        catch (FormatException problem)
        {
            error = problem.Message;
            return false;
        }
    }

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        while (Accept("or"))
        {
            left = new OrExpression(left, ParseAnd());
        }

        return left;
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseUnary();
        while (Accept("and"))
        {
            left = new AndExpression(left, ParseUnary());
        }

        return left;
    }

    private FilterExpression ParseUnary()
    {
        if (Accept("not"))
        {
            return new NotExpression(ParseUnary());
        }

        if (Accept("("))
        {
            var inner = ParseOr();
            return Accept(")") ? inner : throw new FormatException("missing \")\"");
        }

        var first = Next("a selector or value");
        if (Accept("in"))
        {
            return Match(Selector(Next("a selector")), MatchOperator.Contains, Unquote(first));
        }

        if (Peek("not") && Peek("in", 1))
        {
            _position += 2;
            return Match(Selector(Next("a selector")), MatchOperator.NotContains, Unquote(first));
        }

        var selector = Selector(first);
        if (Accept("is"))
        {
            var negated = Accept("not");
            return Accept("empty")
                ? Match(selector, negated ? MatchOperator.IsNotEmpty : MatchOperator.IsEmpty, "")
                : throw new FormatException("expected \"empty\" after \"is\"");
        }

        var notWord = Accept("not");
        var op = Next("an operator") switch
        {
            "==" when !notWord => MatchOperator.Equal,
            "!=" when !notWord => MatchOperator.NotEqual,
            "contains" => notWord ? MatchOperator.NotContains : MatchOperator.Contains,
            "matches" => notWord ? MatchOperator.NotMatches : MatchOperator.Matches,
            var other => throw new FormatException($"unsupported operator \"{other}\""),
        };
        return Match(selector, op, Unquote(Next("a value")));
    }

    // go-bexpr 0.1.2 validates the selector against the response type, then compiles a `matches` pattern; its texts.
    private MatchExpression Match(string[] selector, MatchOperator op, string value)
    {
        if (_selectors.FirstInvalid(selector) is { } invalid)
        {
            throw new FormatException($"Selector {GoText.Quote(invalid)} is not valid");
        }

        if (op is not (MatchOperator.Matches or MatchOperator.NotMatches))
        {
            return new MatchExpression(selector, op, value);
        }

        return GoRegex.TryCompile(value, out var pattern, out var problem)
            ? new MatchExpression(selector, op, value, pattern)
            : throw new FormatException($"Failed to compile regular expression {GoText.Quote(value)}: {problem}");
    }

    private static string[] Selector(string token) =>
        token.Length > 0 && token[0] is not ('"' or '`') && token.Split('.').All(part => part.Length > 0)
            ? token.Split('.')
            : throw new FormatException($"Selector \"{token}\" is not valid");

    private static string Unquote(string token) =>
        token.Length >= 2 && token[0] is '"' or '`' ? token[1..^1] : token;

    private bool Peek(string word, int ahead = 0) =>
        _position + ahead < _tokens.Count && _tokens[_position + ahead] == word;

    private bool Accept(string word)
    {
        if (!Peek(word))
        {
            return false;
        }

        _position++;
        return true;
    }

    private string Next(string what) =>
        _position < _tokens.Count ? _tokens[_position++] : throw new FormatException($"expected {what} at end of filter");

    private static bool TryTokenize(string text, out List<string> tokens, [NotNullWhen(false)] out string? error)
    {
        tokens = [];
        error = null;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '=' or '!')
            {
                if (i + 1 >= text.Length || text[i + 1] != '=')
                {
                    error = $"unexpected \"{c}\" at position {i}";
                    return false;
                }

                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if (c is '"' or '`')
            {
                var quoted = new StringBuilder().Append(c);
                var j = i + 1;
                for (; j < text.Length && text[j] != c; j++)
                {
                    quoted.Append(c == '"' && text[j] == '\\' && j + 1 < text.Length ? text[++j] : text[j]);
                }

                if (j >= text.Length)
                {
                    error = "unterminated string";
                    return false;
                }

                tokens.Add(quoted.Append(c).ToString());
                i = j + 1;
            }
            else
            {
                var j = i;
                while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] is not ('(' or ')' or '=' or '!' or '"' or '`'))
                {
                    j++;
                }

                tokens.Add(text[i..j]);
                i = j;
            }
        }

        return true;
    }
}
