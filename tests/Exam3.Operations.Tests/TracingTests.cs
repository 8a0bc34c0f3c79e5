using System.Diagnostics;

namespace Exam3.Operations.Tests;

public sealed class TracingTests
{
    [Fact]
    public async Task RequestProducesAServerSpanWithTheInstanceInItsResource()
    {
        await using var factory = new OperationsFactory();
        var client = factory.CreateClient();

        await client.GetAsync("/add?a=1&b=2", TestContext.Current.CancellationToken);
        await Exam3.TestSupport.Eventually.UntilAsync("the request's span", TimeSpan.FromSeconds(10),
            () => factory.ExportedSpans.Any(span => span.Kind == ActivityKind.Server && span.DisplayName == "GET /add"));

        var span = factory.ExportedSpans.First(s => s.DisplayName == "GET /add");
        Assert.Equal("/add", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task HealthProbesAreLeftOutOfTraces()
    {
        await using var factory = new OperationsFactory();
        var client = factory.CreateClient();

        await client.GetAsync("/health", TestContext.Current.CancellationToken);
        await client.GetAsync("/alive", TestContext.Current.CancellationToken);
        await client.GetAsync("/info", TestContext.Current.CancellationToken);
        await Exam3.TestSupport.Eventually.UntilAsync("the /info span", TimeSpan.FromSeconds(10),
            () => factory.ExportedSpans.Any(span => span.DisplayName == "GET /info"));

        Assert.DoesNotContain(factory.ExportedSpans, span => span.DisplayName.Contains("/health", StringComparison.Ordinal) || span.DisplayName.Contains("/alive", StringComparison.Ordinal));
    }
}
