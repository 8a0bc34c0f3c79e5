using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Exam3.Discovery.Api;

/// <summary>
/// Compiles a filter's `matches` pattern as Go's regexp (RE2) would accept it, with Go's error text when it would not.
/// .NET's syntax is wider (lookarounds, backreferences, atomic groups), so those are refused as RE2 refuses them, and
/// the pattern runs without backtracking, as RE2 does, so no input can make a filter slow.
/// </summary>
internal static partial class GoRegex
{
    public static bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        regex = null;
        error = null;
        try
        {
            if (PerlOnly().Match(pattern) is { Success: true } perl)
            {
                error = Describe("invalid or unsupported Perl syntax", perl.Value);
                return false;
            }

            if (Backreference().Match(pattern) is { Success: true } reference)
            {
                error = Describe("invalid escape sequence", reference.Groups[1].Value);
                return false;
            }

            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return true;
        }
        catch (RegexParseException problem)
        {
            error = Describe(problem, pattern);
            return false;
        }
        catch (NotSupportedException)
        {
            error = Describe("invalid or unsupported Perl syntax", pattern);
            return false;
        }
    }

    // regexp/syntax's ErrorCode texts, with the fragment Go quotes for each.
    private static string Describe(RegexParseException problem, string pattern)
    {
        var at = Math.Clamp(problem.Offset, 0, pattern.Length);
        return problem.Error switch
        {
            RegexParseError.UnterminatedBracket => Describe("missing closing ]", pattern[Math.Max(0, pattern.LastIndexOf('['))..]),
            RegexParseError.InsufficientClosingParentheses => Describe("missing closing )", pattern),
            RegexParseError.InsufficientOpeningParentheses => Describe("unexpected )", pattern),
            RegexParseError.QuantifierAfterNothing => Describe("missing argument to repetition operator", pattern[Math.Max(0, at - 1)..at]),
            RegexParseError.NestedQuantifiersNotParenthesized => Describe("invalid nested repetition operator", pattern[Math.Max(0, at - 2)..at]),
            RegexParseError.UnescapedEndingBackslash => Describe("trailing backslash at end of expression", ""),
            RegexParseError.UnrecognizedEscape => Describe("invalid escape sequence", pattern[Math.Max(0, at - 2)..at]),
            RegexParseError.ReversedCharacterRange => Describe("invalid character class range", pattern[Math.Max(0, at - 3)..at]),
            RegexParseError.ReversedQuantifierRange => Describe("invalid repeat count", pattern[Math.Max(0, pattern.LastIndexOf('{', Math.Max(0, at - 1)))..at]),
            _ => Describe("invalid or unsupported Perl syntax", pattern),
        };
    }

    private static string Describe(string code, string fragment) => $"error parsing regexp: {code}: `{fragment}`";

    [GeneratedRegex(@"\(\?(?:<?[=!]|>|\(|')")]
    private static partial Regex PerlOnly();

    [GeneratedRegex(@"(?<!\\)(?:\\\\)*(\\[1-9]|\\k)")]
    private static partial Regex Backreference();
}
