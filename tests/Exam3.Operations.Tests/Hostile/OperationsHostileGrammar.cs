using Exam3.TestSupport.Hostile;

namespace Exam3.Operations.Tests.Hostile;

/// <summary>Hostile requests against Operations: odd operands, unknown operations, wrong methods, bodies it never reads.</summary>
internal static class OperationsHostileGrammar
{
    private static readonly string[] Operations = ["add", "subtract", "multiply", "divide", "modulo", "power", "info", "", "health", "alive", "openapi/v1.json", "ADD", "add/", "add/x", "%2e%2e/add", "..%2fadd", "nope"];

    private static readonly string[] Operands =
    [
        "0", "-0", "0.5", "-200", "0.1", "-29", "1e-15", "-2", "1e28", "-1e28", "79228162514264337593543950335",
        "79228162514264337593543950336", "-79228162514264337593543950336", "1e-28", "1e-29", "1e309", "NaN", "Infinity",
        "-Infinity", "0x10", "1,5", "1_000", " 1", "1 ", "", "%00", "%0a", "١", "1e", "e1", "--1", "+1", "1.", ".1",
        "2147483648", "-2147483649", "0.0000000000000000000000000001", "999999999999999999999999999999",
    ];

    // "a" twice: a repeated parameter binds as two values.
    private static readonly string[] Parameters = ["a", "b", "c", "a"];

    public static IEnumerable<HostileRequest> Generate(int seed, int count, int bodyLimit)
    {
        var input = new HostileInput(seed);
        for (var generated = 0; generated < count; generated++)
        {
            var method = input.Next(4) == 0 ? input.Method() : "GET";
            var operation = input.Next(5) == 0 ? input.Segment() : input.Pick(Operations);
            var query = string.Join('&', Parameters.Where(_ => input.Next(3) != 0).Select(name => $"{name}={Operand(input)}"));
            var body = method is "POST" or "PUT" or "PATCH" ? input.JsonBody(bodyLimit, "a", "b") : null;
            yield return new HostileRequest(method, $"/{operation}" + (query.Length > 0 ? "?" + query : ""), body);
        }
    }

    private static string Operand(HostileInput input) => input.Next(5) switch
    {
        0 => input.Number(),
        1 => Uri.EscapeDataString(new string('9', 1 + input.Next(10_000))),
        _ => Uri.EscapeDataString(input.Pick(Operands)),
    };
}
