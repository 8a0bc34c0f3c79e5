using Exam3.TestSupport.Hostile;

namespace Exam3.Discovery.Tests.Hostile;

/// <summary>Hostile requests against every surface of the registry's Consul API, from a seed.</summary>
internal static class RegistryHostileGrammar
{
    private static readonly string[] ServiceFields = ["ID", "Name", "Tags", "Address", "Port", "Meta", "Weights", "Check", "Checks", "EnableTagOverride", "Kind", "TaggedAddresses"];
    private static readonly string[] CheckFields = ["ID", "CheckID", "Name", "ServiceID", "HTTP", "TCP", "TTL", "Interval", "Timeout", "DeregisterCriticalServiceAfter", "Args", "Status", "Header", "Method", "Body"];
    private static readonly string[] SessionFields = ["Name", "Node", "TTL", "Behavior", "LockDelay", "Checks", "NodeChecks", "ServiceChecks"];
    private static readonly string[] CatalogFields = ["Node", "Address", "Service", "Check", "Checks", "SkipNodeUpdate", "ServiceID", "CheckID", "Datacenter"];
    private static readonly string[] TxnFields = ["KV", "Verb", "Key", "Value", "Flags", "Index", "Session", "Node", "Service", "Check"];
    private static readonly string[] ReadQuery = ["index", "wait", "filter", "stale", "consistent", "dc", "passing", "near", "tag", "ns", "cached", "pretty"];
    private static readonly string[] KvQuery = ["index", "wait", "cas", "flags", "acquire", "release", "recurse", "keys", "separator", "raw", "dc"];

    public static IEnumerable<HostileRequest> Generate(int seed, int count, int bodyLimit)
    {
        var input = new HostileInput(seed);
        for (var generated = 0; generated < count; generated++)
        {
            yield return Next(input, bodyLimit);
        }
    }

    private static HostileRequest Next(HostileInput input, int limit) => input.Next(14) switch
    {
        0 => Write(input, "/v1/agent/service/register" + input.Query("replace-existing-checks"), input.JsonBody(limit, ServiceFields)),
        1 => Write(input, "/v1/agent/check/register", input.JsonBody(limit, CheckFields)),
        2 => Write(input, $"/v1/agent/check/{input.Pick((string[])["pass", "warn", "fail", "update", "deregister"])}/{input.Segment()}" + input.Query("note"), input.JsonBody(limit, "Status", "Output")),
        3 => Write(input, $"/v1/agent/service/{input.Pick((string[])["deregister", "maintenance", ""])}/{input.Segment()}" + input.Query("enable", "reason"), null),
        4 => Read(input, $"/v1/agent/{input.Pick((string[])["services", "checks", "members", "self", "health/service/id/", "health/service/name/", "service/"])}{input.Segment()}"),
        5 or 6 => Kv(input, limit),
        7 => Read(input, $"/v1/catalog/{input.Pick((string[])["services", "nodes", "datacenters", "service/", "node/"])}{input.Segment()}"),
        8 => Write(input, $"/v1/catalog/{input.Pick((string[])["register", "deregister"])}", input.JsonBody(limit, CatalogFields)),
        9 => Read(input, $"/v1/health/{input.Pick((string[])["service/", "checks/", "state/", "node/"])}{input.Segment()}"),
        10 => Write(input, "/v1/session/create", input.JsonBody(limit, SessionFields)),
        11 => Read(input, $"/v1/session/{input.Pick((string[])["info/", "node/", "list", "destroy/", "renew/"])}{input.Segment()}"),
        12 => Write(input, "/v1/txn", input.Next(2) == 0 ? input.JsonBody(limit, TxnFields) : Txn(input)),
        _ => new HostileRequest(input.Method(), $"/{input.Pick((string[])["v1", "v2", "ui", "", "v1/acl", "v1/status"])}/{input.Segment()}" + input.Query(ReadQuery)),
    };

    private static HostileRequest Read(HostileInput input, string path) =>
        new(input.Next(4) == 0 ? input.Method() : "GET", path + input.Query(ReadQuery));

    private static HostileRequest Write(HostileInput input, string path, byte[]? body) =>
        new(input.Next(4) == 0 ? input.Method() : "PUT", path, body);

    private static HostileRequest Kv(HostileInput input, int limit)
    {
        var method = input.Next(4) == 0 ? input.Method() : input.Pick((string[])["GET", "PUT", "DELETE"]);
        var body = method is "PUT" or "POST" ? input.Next(3) == 0 ? input.Huge(limit) : Encoding.UTF8.GetBytes(input.Segment()) : null;
        return new(method, $"/v1/kv/hostile/{input.Segment()}" + input.Query(KvQuery), body, "application/octet-stream");
    }

    // Many operations in one transaction: Consul allows 64, so some go over.
    private static byte[] Txn(HostileInput input)
    {
        var operations = Enumerable.Range(0, input.Next(130)).Select(_ =>
            $"{{\"KV\":{{\"Verb\":\"{input.Pick((string[])["set", "get", "cas", "delete-tree", "lock", "nope", ""])}\",\"Key\":\"hostile/{input.Segment().Replace("\\", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal)}\",\"Value\":\"{input.Pick((string[])["", "!!", "aGk=", "===="])}\",\"Index\":{input.Pick((string[])["0", "-1", "1e30", "\"x\""])}}}}}");
        return Encoding.UTF8.GetBytes("[" + string.Join(',', operations) + "]");
    }
}
