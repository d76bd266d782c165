using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace ActivityTracker.Dashboards;

/// <summary>A value before and after one event.</summary>
public sealed record Change<T>(T Before, T After);

/// <summary>An indicator's value for the activity before and after a correction (null: not reported).</summary>
public sealed record OutcomeChange(string IndicatorCode, decimal? Before, decimal? After);

/// <summary>When the activity took place, before and after a correction of its dates.</summary>
public sealed record ActualDates(DateOnly? Start, DateOnly? End);

/// <summary>
/// One event that restated what an activity reported: a correction of its details, a figure or
/// its dates re-reported with a correction reason, a cancellation, a reopening, a send-back, or a duplicate mark given or removed.
/// <see cref="ReasonCode"/> and <see cref="Reason"/> say why (a correction's code and note, or
/// the reason text). The figure it changed is given before and after: <see cref="Participants"/>
/// (the total), <see cref="Outcome"/>, <see cref="Dates"/> or <see cref="Details"/> (only the
/// corrected details); <see cref="Status"/> and <see cref="Review"/> always, since they decide
/// whether the activity counts and in which figures.
/// </summary>
public sealed record Restatement(
    Guid ActivityId,
    string Title,
    string Event,
    long Sequence,
    long Version,
    DateTimeOffset Timestamp,
    string? UserName,
    CorrectionReason? ReasonCode,
    string? Reason,
    Change<ActivityStatus> Status,
    Change<ReviewState> Review,
    Change<int?>? Participants = null,
    OutcomeChange? Outcome = null,
    Change<ActualDates>? Dates = null,
    Change<DetailChanges>? Details = null);

/// <summary>
/// The restating events of activities with the figures before and after each, shared by the
/// restatement report and the reporting periods' adjustments. Before and after are the
/// activity folded by <see cref="ReportedActivity.Fold"/> (the dashboards' own fold) up to just
/// before the event and up to it.
/// </summary>
public static class RestatingEvents
{
    // Restating always, and only when they carry a correction (Restates).
    static readonly Type[] AlwaysRestating =
        [typeof(DetailsCorrected), typeof(ActivityCancelled), typeof(ActivityReopened), typeof(SentBack), typeof(MarkedDuplicate), typeof(DuplicateMarkRemoved)];
    static readonly Type[] RestatingWhenCorrected = [typeof(ParticipantsReported), typeof(OutcomeReported), typeof(ActivityHeld)];

    /// <summary>Whether an event restates reported figures; a first report of a figure or of the dates does not.</summary>
    public static bool Restates(object data) => data switch
    {
        DetailsCorrected or ActivityCancelled or ActivityReopened or SentBack or MarkedDuplicate or DuplicateMarkRemoved => true,
        ParticipantsReported p => p.Correction is not null,
        OutcomeReported o => o.Correction is not null,
        ActivityHeld h => h.Correction is not null,
        _ => false,
    };

    /// <summary>
    /// The restating events of one activity's <paramref name="stream"/> (all its events, in any
    /// order) for which <paramref name="within"/> holds, each kept when <paramref name="selects"/>
    /// holds for the activity before or after it (a correction that moves it out of a country
    /// still shows in that country).
    /// </summary>
    public static IEnumerable<Restatement> Of(IEnumerable<IEvent> stream, Func<IEvent, bool> within, Func<ActivityDetails, bool> selects)
    {
        ReportedActivity? state = null;
        foreach (var e in stream.OrderBy(e => e.Version))
        {
            var before = state;
            state = ReportedActivity.Fold(state, e);
            if (before is not null && state is not null && within(e) && Restates(e.Data) && (selects(before.Activity) || selects(state.Activity)))
                yield return Describe(e, before.Activity, state.Activity);
        }
    }

    /// <summary>
    /// The restating events with a timestamp in (<paramref name="after"/>, <paramref name="until"/>]
    /// (no end when null), of <paramref name="activities"/> (all when null), oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<Restatement>> BetweenAsync(IQuerySession session, DateTimeOffset after, DateTimeOffset? until,
        IReadOnlyCollection<Guid>? activities, Func<ActivityDetails, bool> selects, CancellationToken ct)
    {
        if (activities is { Count: 0 })
            return [];
        var streams = (await RestatedStreamsAsync(session, after, until, activities, ct)).ToArray();
        if (streams.Length == 0)
            return [];

        var history = session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(streams));
        if (until is { } last)
            history = history.Where(e => e.Timestamp <= last);
        return (await history.ToListAsync(ct))
            .GroupBy(e => e.StreamId)
            .SelectMany(stream => Of(stream, e => e.Timestamp > after, selects))
            .OrderBy(r => r.Sequence)
            .ToList();
    }

    /// <summary>
    /// The streams with a restating event stamped in (<paramref name="after"/>, <paramref name="until"/>], found in SQL: a first
    /// report (a bulk import's hundreds of thousands) is told from a correction by its stored <c>Correction</c>, not loaded.
    /// </summary>
    static async Task<IReadOnlyList<Guid>> RestatedStreamsAsync(IQuerySession session, DateTimeOffset after, DateTimeOffset? until,
        IReadOnlyCollection<Guid>? activities, CancellationToken ct)
    {
        // The names Marten stores event types by (the type column).
        var events = (EventGraph)session.DocumentStore.Options.Events;
        string[] NamesOf(Type[] types) => [.. types.Select(t => events.EventMappingFor(t).EventTypeName)];
        var sql = $"""
            select distinct stream_id from {events.DatabaseSchemaName}.mt_events
            where seq_id >= ? and timestamp > ?
              and (type = any(?) or (type = any(?) and jsonb_typeof(data -> '{nameof(ParticipantsReported.Correction)}') = 'object'))
            """;
        List<object> parameters = [await DashboardPeriods.StampedAfterFromAsync(session, after, ct), after.ToUniversalTime(), NamesOf(AlwaysRestating), NamesOf(RestatingWhenCorrected)];
        if (until is { } end)
        {
            sql += " and timestamp <= ?";
            parameters.Add(end.ToUniversalTime());
        }
        if (activities is not null)
        {
            sql += " and stream_id = any(?)";
            parameters.Add(activities.ToArray());
        }
        return await session.QueryAsync<Guid>(sql, ct, [.. parameters]);
    }

    static Restatement Describe(IEvent e, ActivityDetails before, ActivityDetails after)
    {
        var (code, reason) = WhyOf(e.Data);
        return new Restatement(after.Id, after.Title, e.Data.GetType().Name, e.Sequence, e.Version, e.Timestamp, e.UserName, code, reason,
            new Change<ActivityStatus>(before.Status, after.Status),
            new Change<ReviewState>(before.Review, after.Review),
            Participants: e.Data is ParticipantsReported ? new Change<int?>(before.Participants?.Total, after.Participants?.Total) : null,
            Outcome: e.Data is OutcomeReported o ? new OutcomeChange(o.IndicatorCode, ValueOf(before, o.IndicatorCode), ValueOf(after, o.IndicatorCode)) : null,
            Dates: e.Data is ActivityHeld ? new Change<ActualDates>(new(before.ActualStart, before.ActualEnd), new(after.ActualStart, after.ActualEnd)) : null,
            Details: e.Data is DetailsCorrected d ? new Change<DetailChanges>(Corrected(before, d.Changes), Corrected(after, d.Changes)) : null);
    }

    static (CorrectionReason? Code, string? Text) WhyOf(object data) => data switch
    {
        DetailsCorrected c => (c.Correction.Reason, c.Correction.Note),
        ParticipantsReported { Correction: { } c } => (c.Reason, c.Note),
        OutcomeReported { Correction: { } c } => (c.Reason, c.Note),
        ActivityHeld { Correction: { } c } => (c.Reason, c.Note),
        ActivityCancelled c => (null, c.Reason),
        ActivityReopened r => (null, r.Reason),
        SentBack s => (null, s.Reason),
        MarkedDuplicate d => (null, d.Reason),
        DuplicateMarkRemoved d => (null, d.Reason),
        _ => (null, null),
    };

    static decimal? ValueOf(ActivityDetails activity, string indicator) =>
        activity.Outcomes.FirstOrDefault(o => o.IndicatorCode == indicator)?.Value;

    /// <summary>The activity's values of the details a correction names; an empty description is none.</summary>
    static DetailChanges Corrected(ActivityDetails a, DetailChanges named) => new(
        Kind: named.Kind is null ? null : a.Kind,
        Language: named.Language is null ? null : a.Language,
        Title: named.Title is null ? null : a.Title,
        Description: named.Description is null ? null : a.Description ?? "",
        Location: named.Location is null ? null : a.Location,
        ParticipatingCountries: named.ParticipatingCountries is null ? null : a.ParticipatingCountries,
        ProgrammeCode: named.ProgrammeCode is null ? null : a.ProgrammeCode,
        SectorCode: named.SectorCode is null ? null : a.SectorCode,
        Tags: named.Tags is null ? null : a.Tags);
}
