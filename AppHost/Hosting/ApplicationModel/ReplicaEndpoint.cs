namespace Exam3.Hosting.ApplicationModel;

/// <summary>The loopback HTTP endpoint one replica listens on; it keeps it across restarts.</summary>
public sealed record ReplicaEndpoint(int Port)
{
    public const string Host = "127.0.0.1";

    /// <summary>http://127.0.0.1:port, without a trailing slash, as ASPNETCORE_URLS and the registry expect.</summary>
    public string Url => $"http://{Host}:{Port}";

    public Uri Uri => new(Url + "/");
}
