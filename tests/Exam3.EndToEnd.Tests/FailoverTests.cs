namespace Exam3.EndToEnd.Tests;

public sealed class FailoverTests(DistributionFixture fixture) : SharedDistributionTests(fixture)
{
    [Fact]
    public async Task KilledReplicaCostsNoFailedRequestThroughTheGatewayOrHaproxyAndStartsAgainFromTheDashboard()
    {
        var replicas = await Scenarios.KillAReplicaUnderLoadAsync(App, Cancellation);
        await Scenarios.StartTheVictimAgainAsync(App, replicas, Cancellation);
    }
}
