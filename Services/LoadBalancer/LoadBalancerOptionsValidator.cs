using System.Net;

namespace Exam3.LoadBalancer;

/// <summary>What data annotations cannot say: the frontend parses, haproxy is installed, the socket path fits.</summary>
internal sealed class LoadBalancerOptionsValidator : IValidateOptions<LoadBalancerOptions>
{
    // sun_path holds 108 bytes on Linux and 104 on macOS, terminator included.
    private const int MaxSocketPathLength = 103;

    public ValidateOptionsResult Validate(string? name, LoadBalancerOptions options)
    {
        var failures = new List<string>();
        if (!IPEndPoint.TryParse(options.Frontend ?? "", out var frontend) || frontend.Port == 0)
        {
            failures.Add($"LoadBalancer:Frontend '{options.Frontend}' is not an ip:port with a port, e.g. 127.0.0.1:8081.");
        }

        if (!string.IsNullOrWhiteSpace(options.Haproxy) && HaproxyExecutable.Find(options.Haproxy) is null)
        {
            failures.Add($"LoadBalancer:Haproxy '{options.Haproxy}' was not found (searched PATH, /usr/sbin and /usr/local/sbin). " +
                "Install HAProxy (Debian package 'haproxy') or set LoadBalancer:Haproxy to its path.");
        }

        if (options.SocketPath.Length > MaxSocketPathLength)
        {
            failures.Add($"LoadBalancer:StateDirectory is too long for a Unix socket path ({options.SocketPath.Length} > {MaxSocketPathLength} characters).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
