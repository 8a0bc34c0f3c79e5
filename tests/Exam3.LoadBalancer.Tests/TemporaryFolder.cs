namespace Exam3.LoadBalancer.Tests;

/// <summary>A short-named folder under the temp folder (Unix socket paths must stay short), removed on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lb").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process still writing there; the temp folder is cleaned by the system eventually.
        }
    }
}
