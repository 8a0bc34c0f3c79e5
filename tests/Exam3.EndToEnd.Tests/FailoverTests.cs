using System.Collections.Concurrent;
using System.Net.Http.Json;
using Exam3.Hosting.Testing;
using Exam3.TestSupport;

namespace Exam3.EndToEnd.Tests;

public sealed class FailoverTests(DistributionFixture fixture) : IClassFixture<DistributionFixture>
{
    // Paces the client loop so that it does not starve the two cores the replicas and the gateway share with it.
    private static readonly TimeSpan RequestPacing = TimeSpan.FromMilliseconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledReplicaCostsNoFailedRequestAndTheSupervisorBringsItBack()
    {
        var app = fixture.Distribution.App;
        var replicas = app.ResourceNotifications.Find("operations");
        var victim = replicas[0];
        using var registry = app.CreateHttpClient("consul");
        using var gateway = app.CreateHttpClient("gateway");
        await Eventually.UntilAsync("all three replicas to pass in the registry", Timeouts.Condition, async () =>
            (await Registry.PassingInstancesAsync(registry, "operations", Cancellation)).SetEquals(replicas.Select(replica => replica.Name)));

        var served = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<string>();
        using var stopLoop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var loop = Task.Run(() => LoopAsync(gateway, served, failures, stopLoop.Token), Cancellation);
        await Eventually.UntilAsync("the client loop to get answers", Timeouts.Condition, () => !served.IsEmpty || !failures.IsEmpty);

        Assert.True(await app.ResourceCommands.KillAsync(victim.Name, Cancellation));
        var restarted = (await app.WaitForResourceAsync(
            victim.Name, replica => replica[0] is { Restarts: 1, IsHealthy: true }, Timeouts.Condition, Cancellation))[0];
        var answersBeforeItCameBack = served.Count;
        await Eventually.UntilAsync("the restarted replica to be registered and passing again", Timeouts.Condition, async () =>
            (await Registry.PassingInstancesAsync(registry, "operations", Cancellation)).Contains(victim.Name));
        await Eventually.UntilAsync("the restarted replica to receive traffic again", Timeouts.Condition, () =>
            served.Skip(answersBeforeItCameBack).Contains(victim.Name));
        await stopLoop.CancelAsync();
        await loop;

        Assert.NotEqual(victim.ProcessId, restarted.ProcessId);
        Assert.Empty(failures);
        TestContext.Current.SendDiagnosticMessage($"{served.Count} requests through the gateway, none failed, while {victim.Name} was killed and restarted.");
    }

    private static async Task LoopAsync(HttpClient gateway, ConcurrentQueue<string> served, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await gateway.GetAsync("/api/operations/multiply?a=6&b=7", CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    var answer = await response.Content.ReadFromJsonAsync<OperationResponse>(CancellationToken.None);
                    served.Enqueue(answer!.Instance);
                }
                else
                {
                    failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException error)
            {
                failures.Enqueue(error.Message);
            }

            try
            {
                await Task.Delay(RequestPacing, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed record OperationResponse(decimal Result, string Instance);
}
