using System.Text.Json.Serialization;

namespace Exam3.Discovery.Api.Views;

/// <summary>A local service as /v1/agent/services lists it (the name is `Service` here, `Name` in registration).</summary>
internal sealed record AgentServiceView(
    [property: JsonPropertyName("ID")] string Id,
    string Service,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Meta,
    int Port,
    string Address,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, AddressView>? TaggedAddresses,
    WeightsView Weights,
    bool EnableTagOverride,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContentHash,
    string Datacenter);

internal sealed record MemberView(
    string Name,
    string Addr,
    int Port,
    IReadOnlyDictionary<string, string> Tags,
    int Status,
    int ProtocolMin,
    int ProtocolMax,
    int ProtocolCur,
    int DelegateMin,
    int DelegateMax,
    int DelegateCur);

internal sealed record AgentConfigView(
    string Datacenter,
    string PrimaryDatacenter,
    string NodeName,
    [property: JsonPropertyName("NodeID")] string NodeId,
    string Revision,
    bool Server,
    string Version,
    string BuildDate);

internal sealed record CoordinateView(IReadOnlyList<double> Vec, double Error, double Adjustment, double Height);

/// <summary>/v1/agent/self: only Config is a stable contract; the rest is what a dev agent would show.</summary>
internal sealed record AgentSelfView(
    AgentConfigView Config,
    EmptyObject DebugConfig,
    CoordinateView Coord,
    MemberView Member,
    EmptyObject Stats,
    IReadOnlyDictionary<string, string> Meta);
