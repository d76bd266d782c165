using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ActivityTracker.ReportingPeriods;

// A reporting period (a year or a quarter) is closed when its figures go into a report, and
// may be reopened with a reason. Closing does not freeze activities: it fixes the instant
// whose figures were reported, so "as reported at close" and "current" can be set side by
// side, with every restatement since in between.

/// <summary>A period's state, projected inline from its stream. A period never closed has no document.</summary>
/// <param name="Period">A year (<c>2019</c>) or a quarter (<c>2019-Q1</c>).</param>
/// <param name="ClosedAt">When it was last closed (the event's timestamp), while it stays closed.</param>
/// <param name="ClosedBy">Who closed it, while it stays closed.</param>
/// <param name="Note">The note of the last close, while it stays closed.</param>
public sealed record ReportingPeriodDetails(
    Guid Id,
    string Period,
    bool Closed,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? Note,
    DateTimeOffset? ReopenedAt,
    string? ReopenedBy,
    string? ReopenReason)
{
    /// <summary>The stream version this reflects; a reopen sends it back for optimistic concurrency.</summary>
    public long Version { get; set; }

    /// <summary>The one fold of a period's events; timestamps and users come from the event metadata.</summary>
    public static ReportingPeriodDetails? Fold(ReportingPeriodDetails? state, IEvent e)
    {
        var next = e.Data switch
        {
            ReportingPeriodClosed closed => (state ?? new ReportingPeriodDetails(e.StreamId, closed.Period, false, null, null, null, null, null, null)) with
            {
                Closed = true,
                ClosedAt = e.Timestamp,
                ClosedBy = e.UserName,
                Note = closed.Note,
            },
            ReportingPeriodReopened reopened when state is not null => state with
            {
                Closed = false,
                ClosedAt = null,
                ClosedBy = null,
                Note = null,
                ReopenedAt = e.Timestamp,
                ReopenedBy = e.UserName,
                ReopenReason = reopened.Reason,
            },
            _ => state,
        };
        return next is null ? null : next with { Version = e.Version };
    }
}

public sealed class ReportingPeriodDetailsProjection : SingleStreamProjection<ReportingPeriodDetails, Guid>
{
    public override ReportingPeriodDetails? Evolve(ReportingPeriodDetails? snapshot, Guid id, IEvent e) => ReportingPeriodDetails.Fold(snapshot, e);
}
