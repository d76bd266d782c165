using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using JasperFx.Events;

namespace ActivityTracker.Dashboards;

/// <summary>
/// One activity as the dashboards see it: its state folded by <see cref="ActivityDetails.Fold"/>
/// (the one fold of an activity), plus where each figure came from (the sequence number of the
/// event that last set it) and the dashboard slices it belongs to. The reporting projection keeps
/// one per activity; time travel folds the same from the events up to an instant.
/// </summary>
public sealed record ReportedActivity
{
    public Guid Id { get; init; }
    public ActivityDetails Activity { get; init; } = new();
    /// <summary>Sequence of the event that created the activity or last changed whether it counts (cancel, reopen, correction).</summary>
    public long CountedSince { get; init; }
    public long? ParticipantsSequence { get; init; }
    public Dictionary<string, long> OutcomeSequences { get; init; } = new();
    public long LastSequence { get; init; }
    public DateTimeOffset LastEventAt { get; init; }
    /// <summary>The slices it is counted in, e.g. <c>country:MX</c>, <c>month:2019-02</c>; queried by the projection. None while it is marked a duplicate.</summary>
    public string[] Keys { get; init; } = [];
    /// <summary>
    /// The period the projection last changed it in (<see cref="DashboardPeriods"/>): before a later period began it stood as it
    /// is; before that, as a <see cref="PastActivity"/> kept. Not part of the activity: a fold of its events leaves it null.
    /// </summary>
    public string? Since { get; init; }

    /// <summary>The month it is reported in: when it took place, or was planned to; null when the source gives no date.</summary>
    public static string? MonthOf(ActivityDetails activity) => (activity.ActualStart ?? activity.PlannedStart)?.ToString("yyyy-MM");

    public string? Month => MonthOf(Activity);

    public static ReportedActivity? Fold(ReportedActivity? state, IEvent e)
    {
        if (ActivityDetails.Fold(state?.Activity, e) is not { } activity)
            return null;
        var next = (state ?? new ReportedActivity { Id = activity.Id }) with
        {
            Activity = activity,
            LastSequence = e.Sequence,
            LastEventAt = e.Timestamp,
        };
        next = e.Data switch
        {
            ActivityRecorded or ActivityCancelled or ActivityReopened or DetailsCorrected or ActivityHeld or ActivityRescheduled
                or ActivityApproved or SubmittedForReview or SentBack or MarkedDuplicate or DuplicateMarkRemoved => next with { CountedSince = e.Sequence },
            ParticipantsReported => next with { ParticipantsSequence = e.Sequence },
            OutcomeReported o => next with { OutcomeSequences = new(next.OutcomeSequences) { [o.IndicatorCode] = e.Sequence } },
            _ => next,
        };
        return next with { Keys = [.. Dimensions.KeysOf(next.Activity)] };
    }
}
