using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Exam3.Gateway.Tests.Harness;

/// <summary>A small web app inside the test process, on a free loopback port, whose behaviour the test controls.</summary>
internal static class LoopbackApp
{
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync(Cancellation);
        var address = app.Urls.First();
        return (app, new Uri(address + "/"));
    }
}
