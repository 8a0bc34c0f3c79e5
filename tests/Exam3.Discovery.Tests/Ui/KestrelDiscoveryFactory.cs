namespace Exam3.Discovery.Tests.Ui;

/// <summary>
/// The registry in memory with <see cref="DiscoveryFactory"/>'s short intervals, but listening on a loopback port of its
/// own, so that a browser can reach it.
/// </summary>
public sealed class KestrelDiscoveryFactory : DiscoveryFactory
{
    private KestrelDiscoveryFactory(int port)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        // Not UseKestrel(port): that sets the server's addresses after the host is built, which races the program's own
        // start and then throws; an endpoint in Kestrel's options is there before anything starts.
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }

    public Uri BaseAddress { get; }

    /// <summary>Raw HTTP calls to the registry, as a Consul client makes them.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Starts a registry on <paramref name="port"/>, or on a free port when null.</summary>
    public static KestrelDiscoveryFactory Start(int? port = null)
    {
        var factory = new KestrelDiscoveryFactory(port ?? FreePort.Next());
        factory.StartServer();
        factory.Client = new HttpClient { BaseAddress = factory.BaseAddress };
        return factory;
    }

    public override async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
