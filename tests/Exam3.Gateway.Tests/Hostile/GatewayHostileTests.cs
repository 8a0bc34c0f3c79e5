using Exam3.TestSupport.Hostile;

namespace Exam3.Gateway.Tests.Hostile;

/// <summary>
/// Issue #15 item 6: generated malformed requests through the gateway, at the Operations route, at unknown prefixes
/// and at traversals toward the registry's API, answer 2xx or 4xx, never 5xx, and every process stays up.
/// </summary>
public sealed class GatewayHostileTests
{
    private const int Requests = 1_200;
    private const string Prefix = "/api/operations";
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(25);

    private static readonly string[] Prefixes = [Prefix, Prefix, Prefix, "/api", "/api/operationsx", "/API/OPERATIONS", "/v1", "/ui", "", "/api/operations/..", "/api/operations/%2e%2e/%2e%2e/v1", "/api/operations/..%2f..%2fv1", "//api/operations"];
    private static readonly string[] Tails = ["add", "subtract", "multiply", "divide", "modulo", "power", "info", "health", "../../v1/kv/leak", "%2e%2e/%2e%2e/v1/agent/self", "..%2f..%2fv1%2fkv%2fx", "v1/kv/x"];
    private static readonly string[] Operands = ["0.5", "-200", "0.1", "-29", "1e-15", "-2", "1e309", "NaN", "%00", "%0d%0aX-Injected:%201", "79228162514264337593543950336", ""];

    [Fact]
    public async Task HostileRequestsThroughTheGatewayAnswerNo5xxAndEveryProcessStaysUp()
    {
        await using var topology = await Topology.StartAsync();
        await topology.StartOperationsAsync("operations", "operations-hostile", Prefix);
        await topology.WaitUntilServedByAsync($"{Prefix}/info", "operations-hostile");

        var report = await HostileRequest.SendAllAsync(topology.Client, Generate(seed: 15, Requests), RunLimit, Cancellation);

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.False(report.TimedOut, report.ToString());
        Assert.True(report.Answered >= 1_000, report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join(Environment.NewLine, [.. report.Failures, .. topology.Gateway.Output.TakeLast(30)]));
        Assert.True(report.ServerErrors.Count == 0, string.Join(Environment.NewLine, report.ServerErrors.Select(error => $"{error.Request} → {(int)error.Status} {error.Text}")));
        Assert.False(topology.Gateway.HasExited || topology.Registry.HasExited);
        using var health = await topology.Client.GetAsync(new Uri("/health", UriKind.Relative), Cancellation);
        Assert.True(health.IsSuccessStatusCode, $"/health answered {(int)health.StatusCode}");
        using var served = await topology.Client.GetAsync(new Uri($"{Prefix}/add?a=1&b=2", UriKind.Relative), Cancellation);
        Assert.True(served.IsSuccessStatusCode, $"{Prefix}/add answered {(int)served.StatusCode}");
    }

    private static IEnumerable<HostileRequest> Generate(int seed, int count)
    {
        var input = new HostileInput(seed);
        for (var generated = 0; generated < count; generated++)
        {
            var method = input.Next(4) == 0 ? input.Method() : "GET";
            var tail = input.Next(4) == 0 ? input.Segment() : input.Pick(Tails);
            var query = input.Next(3) == 0 ? input.Query("a", "b", "index", "wait", "filter") : $"?a={input.Pick(Operands)}&b={input.Pick(Operands)}";
            // "Huge" bodies here are about 64 KiB, forwarded to the replica; the registry's suite goes past its 1 MiB limit.
            var body = method is "POST" or "PUT" or "PATCH" ? input.JsonBody(64 * 1024, "a", "b") : null;
            yield return new HostileRequest(method, $"{input.Pick(Prefixes)}/{tail}{query}", body);
        }
    }
}
