namespace Exam3.Gateway.Tests.Routing;

public sealed class RoutePrefixTests
{
    [Theory]
    [InlineData("urlprefix-/api/operations", "/api/operations")]
    [InlineData("urlprefix-/api/operations/", "/api/operations")]
    [InlineData("urlprefix-/v2", "/v2")]
    [InlineData("urlprefix-/a_b/c-d/e.f/~g", "/a_b/c-d/e.f/~g")]
    [InlineData("urlprefix-/healthz", "/healthz")]
    public void CleanPathIsAccepted(string tag, string expected)
    {
        Assert.True(RoutePrefix.TryParse(tag, out var prefix, out var reason), reason);
        Assert.Equal(expected, prefix);
    }

    [Theory]
    [InlineData("version-1.0.0", "does not start with")]
    [InlineData("urlprefix-", "root path")]
    [InlineData("urlprefix-/", "root path")]
    [InlineData("urlprefix-api", "starting with '/'")]
    [InlineData("urlprefix-example.com/api", "starting with '/'")]
    [InlineData("urlprefix-/api strip=/api", "character")]
    [InlineData("urlprefix-/api/{**rest}", "character")]
    [InlineData("urlprefix-/api/*", "character")]
    [InlineData("urlprefix-/api/../health", "dot segment")]
    [InlineData("urlprefix-/api//x", "empty or dot segment")]
    [InlineData("urlprefix-/health", "/health is the gateway's own endpoint")]
    [InlineData("urlprefix-/HEALTH/x", "/health is the gateway's own endpoint")]
    [InlineData("urlprefix-/alive", "/alive is the gateway's own endpoint")]
    public void UnsafeOrForeignTagIsRefusedWithAReason(string tag, string reasonMentions)
    {
        Assert.False(RoutePrefix.TryParse(tag, out var prefix, out var reason));
        Assert.Null(prefix);
        Assert.Contains(reasonMentions, reason, StringComparison.Ordinal);
    }
}
