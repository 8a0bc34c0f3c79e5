using System.Collections.ObjectModel;
using System.Diagnostics;

namespace Exam3.Operations.Tests;

/// <summary>
/// The in-memory exporter's list: the server adds spans on its own threads while a test reads them, so both sides
/// take a lock and tests read snapshots.
/// </summary>
public sealed class SpanSink : Collection<Activity>
{
    private readonly Lock _gate = new();

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}
