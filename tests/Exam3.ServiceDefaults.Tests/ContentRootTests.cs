namespace Exam3.ServiceDefaults.Tests;

/// <summary>Which folder a service reads its appsettings.json from, by where it was started.</summary>
public sealed class ContentRootTests
{
    private const string Project = "/src/Services/Operations";
    private const string Output = "/src/Services/Operations/bin/Debug/net10.0/";

    [Theory]
    [InlineData("/tmp")]
    [InlineData("/")]
    [InlineData("/src")]
    [InlineData("/src/Services/Operations/bin")]
    public void StartedFromAnotherFolderTheServiceReadsItsOutputFolder(string workingDirectory) =>
        Assert.Equal(Output, ContentRoot.Choose([], workingDirectory, Output));

    [Theory]
    [InlineData(Output)]
    [InlineData("/src/Services/Operations/bin/Debug/net10.0")]
    [InlineData(Project)]
    [InlineData(Project + "/")]
    public void StartedFromItsOwnFolderTheServiceKeepsTheWorkingDirectory(string workingDirectory) =>
        Assert.Null(ContentRoot.Choose([], workingDirectory, Output));

    [Theory]
    [InlineData("--contentRoot=/etc/exam3")]
    [InlineData("--contentRoot", "/etc/exam3")]
    public void AContentRootGivenOnTheCommandLineWins(params string[] args) =>
        Assert.Null(ContentRoot.Choose(args, "/tmp", Output));
}
