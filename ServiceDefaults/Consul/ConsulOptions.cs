namespace Exam3.ServiceDefaults.Consul;

/// <summary>Where the Consul registry is and how to authenticate to it.</summary>
public sealed class ConsulOptions
{
    /// <summary>Consul's own default agent address.</summary>
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:8500");

    /// <summary>The registry's HTTP API address.</summary>
    public Uri Address { get; set; } = DefaultAddress;

    /// <summary>The ACL token sent as X-Consul-Token, when the registry requires one.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// How long one blocking query may wait for a change. Consul's default is 5 minutes; a shorter wait
    /// notices a registry that vanished without closing its connections sooner.
    /// </summary>
    public TimeSpan BlockingQueryWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the address from ConnectionStrings:consul (Aspire's convention), else CONSUL_HTTP_ADDR (Consul's),
    /// else Consul's default; the token from CONSUL_HTTP_TOKEN.
    /// </summary>
    public static void Bind(ConsulOptions options, IConfiguration configuration)
    {
        var address = configuration.GetConnectionString("consul") ?? configuration["CONSUL_HTTP_ADDR"];
        if (!string.IsNullOrWhiteSpace(address))
        {
            options.Address = ParseAddress(address);
        }

        var token = configuration["CONSUL_HTTP_TOKEN"];
        if (!string.IsNullOrWhiteSpace(token))
        {
            options.Token = token;
        }
    }

    /// <summary>Accepts Consul's forms: "http://host:port", "https://host:port" or a bare "host:port".</summary>
    public static Uri ParseAddress(string address)
    {
        var trimmed = address.Trim();
        var withScheme = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "http://" + trimmed;
        return Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"'{address}' is not a Consul address; expected http://host:port or host:port.");
    }
}
