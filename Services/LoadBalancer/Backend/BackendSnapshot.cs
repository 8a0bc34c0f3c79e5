namespace Exam3.LoadBalancer.Backend;

/// <summary>What the load balancer manages right now: the slot table HAProxy runs with, and how it got there.</summary>
internal sealed record BackendSnapshot(SlotTable Table, DateTimeOffset UpdatedAt, int Reloads);
