namespace Exam3.Discovery.Json;

/// <summary>A snake_case name Consul also accepts for a multi-word field (its custom UnmarshalJSON aliases).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
internal sealed class JsonAliasAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
