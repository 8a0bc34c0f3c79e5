using Exam3.Dashboard.Otlp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exam3.Dashboard.Web;

/// <summary>Says at start where the dashboard is and how to log in, as Aspire prints its login link.</summary>
internal sealed partial class DashboardLog(
    ILogger<DashboardLog> logger, IOptions<DashboardFrontendOptions> frontend, IOptions<OtlpReceiverOptions> otlp) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var url = frontend.Value.Url.GetLeftPart(UriPartial.Authority);
        if (frontend.Value.AuthMode == DashboardAuthMode.BrowserToken)
        {
            LoginAt(logger, url, frontend.Value.BrowserToken!);
        }
        else
        {
            OpenAt(logger, url);
        }

        ReceivingOtlp(logger, otlp.Value.GrpcUrl, otlp.Value.HttpUrl, otlp.Value.RequiresApiKey ? "API key" : "loopback senders only");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Login to the dashboard at {Url}/login?t={Token}")]
    private static partial void LoginAt(ILogger logger, string url, string token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard (no login) at {Url}")]
    private static partial void OpenAt(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "OTLP receiver on {GrpcUrl} (gRPC) and {HttpUrl} (HTTP/protobuf), {Access}")]
    private static partial void ReceivingOtlp(ILogger logger, Uri grpcUrl, Uri httpUrl, string access);
}
