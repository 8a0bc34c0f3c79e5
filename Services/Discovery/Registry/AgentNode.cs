namespace Exam3.Discovery.Registry;

/// <summary>The single node of this dev agent.</summary>
internal sealed record AgentNode(string Id, string Name, string Address, string Datacenter, long CreateIndex, long ModifyIndex);
