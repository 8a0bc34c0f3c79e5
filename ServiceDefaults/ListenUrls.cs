using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Where a service listens, and how the addresses Kestrel is given are read back.</summary>
public static class ListenUrls
{
    /// <summary>
    /// Listens on <paramref name="url"/> (the port a lab expects, e.g. Consul's 8500) unless the host is told otherwise:
    /// ASPNETCORE_URLS or --urls, ASPNETCORE_HTTP_PORTS or HTTPS_PORTS, or Kestrel:Endpoints.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        var configured = builder.Configuration["urls"] ?? builder.Configuration["http_ports"] ?? builder.Configuration["https_ports"];
        if (string.IsNullOrWhiteSpace(configured) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }

    /// <summary>
    /// A listen address as a Uri, or null when it is not an http(s) address with a port. Kestrel takes wildcard hosts
    /// (http://*:5000, http://+:5000) that Uri rejects; they mean every interface, which is 0.0.0.0.
    /// </summary>
    public static Uri? Parse(string address)
    {
        var normalized = address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Port > 0 ? uri : null;
    }
}
