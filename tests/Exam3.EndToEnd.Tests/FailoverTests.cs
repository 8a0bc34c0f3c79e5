namespace Exam3.EndToEnd.Tests;

[Collection(SharedDistribution.Name)]
public sealed class FailoverTests(DistributionFixture fixture)
{
    [Fact]
    public async Task KilledReplicaCostsNoFailedRequestThroughTheGatewayOrHaproxyAndStartsAgainFromTheDashboard()
    {
        var app = fixture.App;
        var replicas = await Scenarios.KillAReplicaUnderLoadAsync(app, Cancellation);
        await Scenarios.StartTheVictimAgainAsync(app, replicas, Cancellation);
    }
}
