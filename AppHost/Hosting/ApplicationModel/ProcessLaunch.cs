namespace Exam3.Hosting.ApplicationModel;

/// <summary>What to execute for one replica: a file, its arguments and the folder it runs in.</summary>
public sealed record ProcessLaunch(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>The command line as a reader would type it.</summary>
    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}
