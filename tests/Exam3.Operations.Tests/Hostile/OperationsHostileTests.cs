using Exam3.TestSupport.Hostile;

namespace Exam3.Operations.Tests.Hostile;

/// <summary>
/// Issue #15 item 6: generated malformed requests against Operations answer 2xx or 4xx, never 5xx, and it stays
/// healthy. A real process, as in-memory hosting refuses some of these paths (a %00) before the service sees them.
/// </summary>
public sealed class OperationsHostileTests
{
    private const int Requests = 1_500;
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HostileRequestsAnswerNo5xxAndLeaveTheServiceHealthy()
    {
        await using var operations = ProjectProcess.Start("operations", "Services/Operations", "Exam3.Operations", environment: new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await operations.WaitForHttpAsync("/health", StartTimeout);
        using var client = new HttpClient { BaseAddress = operations.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        var report = await HostileRequest.SendAllAsync(client, OperationsHostileGrammar.Generate(seed: 15, Requests, bodyLimit: 1024 * 1024), RunLimit, Cancellation);

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.False(report.TimedOut, report.ToString());
        Assert.True(report.Answered >= 1_000, report.ToString());
        Assert.True(report.Failures.Count == 0, string.Join(Environment.NewLine, [.. report.Failures, .. operations.Output]));
        Assert.True(report.ServerErrors.Count == 0, string.Join(Environment.NewLine, report.ServerErrors.Select(error => $"{error.Request} → {(int)error.Status} {error.Text}")));
        Assert.False(operations.HasExited);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), Cancellation);
        Assert.True(health.IsSuccessStatusCode, $"/health answered {(int)health.StatusCode}");
    }
}
