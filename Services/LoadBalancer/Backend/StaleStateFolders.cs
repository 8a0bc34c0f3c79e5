using System.Globalization;

namespace Exam3.LoadBalancer.Backend;

/// <summary>
/// A load balancer that dies by SIGKILL (its own, or its AppHost's, which takes its children with it) cannot remove its
/// exam3-lb-&lt;pid&gt; folder. The next one to start removes every such folder whose process is gone.
/// </summary>
internal static partial class StaleStateFolders
{
    public const string Prefix = "exam3-lb-";

    public static void Remove(ILogger logger)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var suffix = Path.GetFileName(folder)[Prefix.Length..];
            if (!int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsRunning(pid))
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
                Log.Removed(logger, folder, pid);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Another user's, or removed by another load balancer starting at the same moment: not ours to insist on.
                Log.NotRemoved(logger, folder, error.Message);
            }
        }
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    private static partial class Log
    {
        [LoggerMessage(5, LogLevel.Information, "Removed {Folder}, left behind by load balancer {Pid}, which is no longer running.")]
        public static partial void Removed(ILogger logger, string folder, int pid);

        [LoggerMessage(6, LogLevel.Debug, "Could not remove the stale folder {Folder}: {Reason}")]
        public static partial void NotRemoved(ILogger logger, string folder, string reason);
    }
}
