namespace Exam3.Discovery.Registry;

/// <summary>An address and port a service also answers on (Consul's structs.ServiceAddress).</summary>
internal sealed record ServiceAddress(string Address, int Port);

/// <summary>DNS SRV weights of an instance by health state.</summary>
internal sealed record ServiceWeights(int Passing, int Warning)
{
    public static readonly ServiceWeights Default = new(1, 1);
}

/// <summary>One registered service instance, as the agent and the catalog hold it.</summary>
internal sealed record RegisteredService(
    string Id,
    string Name,
    ImmutableArray<string> Tags,
    string Address,
    int Port,
    ImmutableSortedDictionary<string, string> Meta,
    ImmutableSortedDictionary<string, ServiceAddress> TaggedAddresses,
    ServiceWeights Weights,
    bool EnableTagOverride)
{
    public long CreateIndex { get; init; }

    public long ModifyIndex { get; init; }

    /// <summary>Catalog-only entries (the node's own `consul` service, services written through /v1/catalog/register) that the agent endpoints do not list.</summary>
    public bool Internal { get; init; }

    /// <summary>Whether a re-registration changes anything a reader can see; if not, nothing is written.</summary>
    public bool SameDefinitionAs(RegisteredService other) =>
        Id == other.Id
        && Name == other.Name
        && Tags.SequenceEqual(other.Tags)
        && Address == other.Address
        && Port == other.Port
        && Meta.SequenceEqual(other.Meta)
        && TaggedAddresses.SequenceEqual(other.TaggedAddresses)
        && Weights == other.Weights
        && EnableTagOverride == other.EnableTagOverride;
}
