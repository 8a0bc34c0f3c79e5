namespace Exam3.Discovery.Tests;

public sealed class ConsulAgentArgumentsTests
{
    [Fact]
    public void ArgumentsOfTheHashicorpImageBecomeTheListeningUrlAndNodeName() =>
        Assert.Equal(
            ["--urls=http://0.0.0.0:8500", "--Discovery:NodeName=consul"],
            ConsulAgentArguments.Translate(["agent", "-dev", "-client=0.0.0.0", "-node=consul"]));

    [Fact]
    public void FlagsTakeTheirValueAfterEqualsOrAsTheNextArgumentWithOneOrTwoDashes() =>
        Assert.Equal(
            ["--urls=http://127.0.0.1:18500;http://[::1]:18500", "--Discovery:Datacenter=lab"],
            ConsulAgentArguments.Translate(["agent", "--http-port", "18500", "-client", "127.0.0.1 ::1", "-datacenter=lab", "-dns-port=-1"]));

    [Fact]
    public void AnAgentWithoutFlagsListensWhereADevAgentDoes() =>
        Assert.Equal(["--urls=http://127.0.0.1:8500"], ConsulAgentArguments.Translate(["agent"]));

    [Fact]
    public void ArgumentsThatAreNotConsulsPassThrough() =>
        Assert.Equal(["--urls=http://127.0.0.1:9000"], ConsulAgentArguments.Translate(["--urls=http://127.0.0.1:9000"]));

    [Theory]
    [InlineData("-encrypt=abc", "consul agent: flag provided but not defined: -encrypt")]
    [InlineData("-node", "consul agent: flag needs an argument: -node")]
    [InlineData("-http-port=eighty", "consul agent: invalid value \"eighty\" for flag -http-port")]
    public void AFlagConsulWouldRefuseIsRefusedNamingIt(string flag, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => ConsulAgentArguments.Translate(["agent", flag])).Message);

    [Fact]
    public void TheAclSettingsTheAppHostGivesAConsulAgentBecomeTheManagementToken() =>
        Assert.Equal(
            ["--urls=http://127.0.0.1:8500", "--Discovery:ManagementToken=t0ken"],
            ConsulAgentArguments.Translate(["agent", "-hcl=acl { enabled = true default_policy = \"deny\" tokens { initial_management = \"t0ken\" agent = \"t0ken\" } }"]));

    [Fact]
    public void OtherAgentConfigurationIsRefusedNamingIt() =>
        Assert.StartsWith(
            "consul agent: -hcl: only acl { enabled = true default_policy = \"deny\"",
            Assert.Throws<ArgumentException>(() => ConsulAgentArguments.Translate(["agent", "-hcl=ports { dns = 8600 }"])).Message,
            StringComparison.Ordinal);
}
