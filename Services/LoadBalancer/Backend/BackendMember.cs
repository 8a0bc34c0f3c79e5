using System.Net;

namespace Exam3.LoadBalancer.Backend;

/// <summary>A replica the backend sends traffic to: its registry ID and where it listens.</summary>
internal sealed record BackendMember(string InstanceId, IPAddress Address, int Port)
{
    /// <summary>The address as HAProxy's configuration writes it (IPv6 in brackets).</summary>
    public string Endpoint => new IPEndPoint(Address, Port).ToString();
}
