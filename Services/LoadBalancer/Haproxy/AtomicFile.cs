namespace Exam3.LoadBalancer.Haproxy;

/// <summary>Writes a file so that a reader sees the old content or the new one, never half of each.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, content, cancellationToken);
        // A rename within one folder replaces the target in one step (rename(2)).
        File.Move(temporary, path, overwrite: true);
    }
}
