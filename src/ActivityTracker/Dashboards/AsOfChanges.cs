using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Indicators;
using Marten;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Time travel from the tallies kept by period (<see cref="DashboardPeriods"/>, <see cref="PastTallies"/>): the dashboards as of
/// an instant are the tallies as they stood when the last period begun by the instant began (<see cref="Before"/>), changed by the activities
/// with events since that are stamped no later than the instant, each taken out as the tallies counted it (<see cref="Change.Was"/>,
/// its events before the period) and put back as it stood at the instant (<see cref="Change.Now"/>). The cost follows the events of
/// one period (at most a few thousand), not the history.
/// </summary>
public sealed record AsOfChanges(string Before, IReadOnlyList<AsOfChanges.Change> Changes)
{
    /// <summary>An activity as the tallies of <see cref="Before"/> count it, and as of the instant (null: not there).</summary>
    public sealed record Change(ReportedActivity? Was, ReportedActivity? Now);

    /// <summary>
    /// The period to read the tallies of and the activities to change them by; null when the periods kept do not answer
    /// (recorded after older events) or an indicator was defined or revised in between (the tallies count by other rules):
    /// then the events are folded again.
    /// </summary>
    public static async Task<AsOfChanges?> ReadAsync(IQuerySession session, DateTimeOffset asOf, CancellationToken ct)
    {
        var store = session.DocumentStore;
        var shard = store.Advanced.AllAsyncProjectionShardNames().Single(s => s.Name == DashboardProjection.Name);
        // Read before the periods: an event after it may be late and not yet kept as such.
        var processed = await store.Advanced.ProjectionProgressFor(shard, token: ct);
        if (await session.LoadAsync<DashboardPeriods>(DashboardPeriods.DocumentId, ct) is not { } periods || periods.PlanFor(asOf) is not { } plan)
            return null;

        var instant = asOf.ToUniversalTime();
        // The query below names the late events' table in SQL, which Marten does not create on first use as it does for its own
        // queries (a database whose schema was not applied up front, none stored yet): make sure it exists, as Marten would.
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(LateEvent), ct);
        var events = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        var late = $"{store.Options.DatabaseSchemaName}.mt_doc_lateevent";
        // The events of the period read from its start (primary key range), the late ones after it, and those not processed yet.
        var streams = plan.NextSequence is { } next
            ? await session.QueryAsync<Guid>(
                $"""
                select stream_id from {events} where seq_id >= ? and seq_id < ? and timestamp <= ?
                union select stream_id from {late} where id >= ? and timestamp <= ?
                union select stream_id from {events} where seq_id > ? and timestamp <= ?
                """, ct, plan.FirstSequence, next, instant, next, instant, processed, instant)
            : await session.QueryAsync<Guid>($"select distinct stream_id from {events} where seq_id >= ? and timestamp <= ?", ct, plan.FirstSequence, instant);
        var ids = streams.Distinct().ToArray();
        var history = ids.Length == 0 ? [] : await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids) && (e.Sequence < plan.FirstSequence || e.Timestamp <= instant))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        if (history.Any(e => e.Data is IndicatorDefined or IndicatorRevised && e.Sequence >= plan.FirstSequence))
            return null;

        var changes = history.Where(e => e.Data is IActivityEvent).GroupBy(e => e.StreamId).Select(stream => new Change(
            stream.Where(e => e.Sequence < plan.FirstSequence).Aggregate((ReportedActivity?)null, ReportedActivity.Fold),
            stream.Where(e => e.Timestamp <= instant).Aggregate((ReportedActivity?)null, ReportedActivity.Fold)));
        return new AsOfChanges(plan.Before, [.. changes]);
    }

    /// <summary>Activities as they stood when the period began (<paramref name="held"/>) as of the instant: each changed since as it stands then, or gone.</summary>
    public IEnumerable<ReportedActivity> Apply(IEnumerable<ReportedActivity> held)
    {
        var changed = Changes.Select(c => (c.Was ?? c.Now)?.Id).OfType<Guid>().ToHashSet();
        return held.Where(r => !changed.Contains(r.Id)).Concat(Changes.Select(c => c.Now).OfType<ReportedActivity>());
    }

    /// <summary>
    /// Changes the tallies read as they stood (the total, and each dimension's slices) by the activities: each taken out of every
    /// tally it counted in and put in every one it counts in now, as the read selects them (filter, scope, slice). False when a
    /// figure cannot be undone from the totals or was tallied by another rule than its indicator's of the day.
    /// </summary>
    public bool ApplyTo(SliceTally total, Dictionary<string, SortedDictionary<string, SliceTally>> by, DashboardFilter filter, AccessScope scope,
        SliceKey? slice, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        ReportedActivity? Selected(ReportedActivity? r) =>
            r is not null && filter.Matches(r.Activity) && scope.Covers(r.Activity.ProgrammeCode, r.Activity.Location.CountryCode, r.Activity.ParticipatingCountries)
            && (slice is null || slice.Holds(r.Activity, filter.Role)) ? r : null;
        IReadOnlySet<string> KeysOf(string dimension, ReportedActivity? r) => r is null ? new HashSet<string>()
            : Dimensions.KeysOf(dimension, r.Activity, filter.Role).Where(k => slice is null || dimension != slice.Dimension || k == slice.Key).ToHashSet(StringComparer.Ordinal);

        foreach (var change in Changes)
        {
            var (was, now) = (Selected(change.Was), Selected(change.Now));
            if (was is null && now is null)
                continue;
            if (!total.Change(was, now, indicators))
                return false;
            foreach (var (dimension, slices) in by)
            {
                var (before, after) = (KeysOf(dimension, was), KeysOf(dimension, now));
                foreach (var key in before.Union(after))
                {
                    var tally = slices.TryGetValue(key, out var t) ? t : slices[key] = new SliceTally { Id = Dimensions.DocumentId(dimension, key) };
                    if (!tally.Change(before.Contains(key) ? was : null, after.Contains(key) ? now : null, indicators))
                        return false;
                    if (tally.Members == 0)
                        slices.Remove(key);
                }
            }
        }
        return total.TalliedBy(indicators) && by.Values.All(slices => slices.Values.All(t => t.TalliedBy(indicators)));
    }
}
