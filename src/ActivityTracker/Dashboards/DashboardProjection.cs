using ActivityTracker.Activities;
using ActivityTracker.Indicators;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Linq.MatchesSql;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The figures of one dashboard slice (id <c>dimension:key</c>, e.g. <c>country:MX</c>): for
/// every activity reported, and for the approved ones only.
/// </summary>
public sealed record DashboardSlice(string Id, string Dimension, string Key, Figures AllReported, Figures Approved, long LastSequence, DateTimeOffset? LastEventAt)
{
    public static DashboardSlice Of(string dimension, string key, IReadOnlyCollection<ReportedActivity> members, IReadOnlyDictionary<string, IndicatorDefinition> indicators) => new(
        Dimensions.DocumentId(dimension, key), dimension, key,
        Figures.Of(members, indicators),
        Figures.Of(members.Where(m => m.Activity.Review == ReviewState.Approved), indicators),
        members.Count == 0 ? 0 : members.Max(m => m.LastSequence),
        members.Count == 0 ? null : members.Max(m => m.LastEventAt));
}

/// <summary>
/// The async projection behind the dashboards. It keeps each activity's <see cref="ReportedActivity"/>
/// and, for every slice an event batch touches (before and after the change, so an activity
/// that moves country leaves the old one, and every slice with a report of an indicator whose
/// definition was revised), updates the slice. Each slice keeps its running totals
/// (<see cref="SliceTally"/>, the same <see cref="FiguresTally"/> that <see cref="Figures.Of"/> fills):
/// a batch takes out what the activities it changed counted before and adds what they count now,
/// so its cost follows the batch, not the size of the slices. Where a total cannot be undone (the
/// report holding a maximum-per-location or latest value goes, a revised indicator) the slice is
/// recomputed from its members, as before. Either way the slice is what <see cref="DashboardSlice.Of"/>
/// makes of its members, so a rebuild produces exactly the same documents.
/// </summary>
public sealed class DashboardProjection : IProjection
{
    public const string Name = "Dashboards";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var streams = events.Where(e => e.Data is IActivityEvent).Select(e => e.StreamId).Distinct().ToList();
        var revised = events.Where(e => e.Data is IndicatorRevised).Select(e => e.StreamId).Distinct().ToList();
        if (streams.Count == 0 && revised.Count == 0)
            return;

        var before = (await operations.LoadManyAsync<ReportedActivity>(ct, streams)).ToDictionary(r => r.Id);
        var batch = Fold(before, events);
        foreach (var now in batch.Updated.Values)
            operations.Store(now);

        // A revised indicator (e.g. a new aggregation rule) changes the figures of every slice that
        // has a report of it: recompute them from their members, as a rebuild would with the current definition.
        var recompute = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in await operations.LoadManyAsync<IndicatorDefinition>(ct, revised))
        {
            var reporting = await operations.Query<ReportedActivity>().Where(r => r.Activity.Outcomes.Any(o => o.IndicatorCode == indicator.Code)).ToListAsync(ct);
            recompute.UnionWith(reporting.SelectMany(r => r.Keys));
        }

        var touched = batch.Touched.Union(recompute, StringComparer.Ordinal).ToList();
        // Open pages learn which cells moved (DashboardUpdates), and refresh only when one they show did.
        var last = events[^1];
        operations.Store(DashboardChange.Of(last.Sequence, last.Timestamp, touched.Where(CubeCell.Is)));
        var expired = last.Timestamp - DashboardChange.Retention;
        operations.DeleteWhere<DashboardChange>(c => c.At < expired);
        var indicators = await IndicatorsAsync(operations, ct);
        var tallies = (await operations.LoadManyAsync<SliceTally>(ct, touched.Where(s => !CubeCell.Is(s)))).ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var cell in await operations.LoadManyAsync<CubeCell>(ct, touched.Where(CubeCell.Is)))
            tallies[cell.Id] = cell.Tally;
        // The slice's running totals follow the batch's changes; a slice without them yet (new in this batch),
        // or a change they cannot follow, is recomputed from its members, all such slices' members read at once.
        var followed = new Dictionary<string, SliceTally>(StringComparer.Ordinal);
        var fromMembers = new List<string>();
        foreach (var slice in touched)
        {
            if (!recompute.Contains(slice) && tallies.GetValueOrDefault(slice) is { } tally && tally.Change(batch.Updated.Values, before, indicators))
                followed[slice] = tally;
            else
                fromMembers.Add(slice);
        }
        var stored = fromMembers.Count == 0 ? [] : await InAnySlice(operations, fromMembers).ToListAsync(ct);
        foreach (var slice in fromMembers)
            followed[slice] = SliceTally.Of(slice, Members(slice, stored.Where(r => r.Keys.Contains(slice)), batch.Updated), indicators);

        foreach (var (slice, tally) in followed)
        {
            // A cell of the cube is stored with its coordinates, for the dashboards' queries to select it by.
            if (CubeCell.Is(slice) && tally.Members > 0)
                operations.Store(CubeCell.Of(tally));
            else if (CubeCell.Is(slice))
                operations.Delete<CubeCell>(slice);
            else if (tally.Members > 0)
            {
                operations.Store(tally);
                operations.Store(tally.ToSlice());
            }
            else
            {
                operations.Delete<SliceTally>(slice);
                operations.Delete<DashboardSlice>(slice);
            }
        }
    }

    /// <summary>What one batch changes: each activity it touches, folded on, and every slice to recompute.</summary>
    public sealed record Batch(IReadOnlyDictionary<Guid, ReportedActivity> Updated, IReadOnlySet<string> Touched);

    /// <summary>
    /// The pure part of a batch: folds each activity's events in the batch onto its stored state
    /// (<paramref name="before"/>) and collects the slices it was in and is now in.
    /// </summary>
    public static Batch Fold(IReadOnlyDictionary<Guid, ReportedActivity> before, IReadOnlyList<IEvent> events)
    {
        var updated = new Dictionary<Guid, ReportedActivity>();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stream in events.Where(e => e.Data is IActivityEvent).GroupBy(e => e.StreamId))
        {
            var was = before.GetValueOrDefault(stream.Key);
            if (stream.OrderBy(e => e.Version).Aggregate(was, ReportedActivity.Fold) is not { } now)
                continue;
            updated[now.Id] = now;
            touched.UnionWith(was?.Keys ?? []);
            touched.UnionWith(now.Keys);
        }
        return new Batch(updated, touched);
    }

    /// <summary>
    /// A touched slice from its members: those stored in it (<paramref name="stored"/>, as before the
    /// batch) that the batch left alone, and those the batch put in it. Null when none is left.
    /// </summary>
    public static DashboardSlice? Recompute(string slice, IEnumerable<ReportedActivity> stored, IReadOnlyDictionary<Guid, ReportedActivity> updated,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        var members = Members(slice, stored, updated);
        var (dimension, key) = Split(slice);
        return members.Count == 0 ? null : DashboardSlice.Of(dimension, key, members, indicators);
    }

    /// <summary>A slice's members after a batch: those stored in it that the batch left alone, and those the batch put in it.</summary>
    static List<ReportedActivity> Members(string slice, IEnumerable<ReportedActivity> stored, IReadOnlyDictionary<Guid, ReportedActivity> updated) =>
        stored.Where(r => !updated.ContainsKey(r.Id)).Concat(updated.Values.Where(r => r.Keys.Contains(slice))).ToList();

    /// <summary>
    /// The stored activities counted in any of the slices. Written against the duplicated <c>keys</c> column
    /// because its GIN index only serves array operators (here overlap, <c>&amp;&amp;</c>), while Marten translates
    /// <c>Keys.Contains(slice)</c> on a duplicated array to <c>= ANY(keys)</c>, which no index serves.
    /// </summary>
    public static IQueryable<ReportedActivity> InAnySlice(IQuerySession session, IReadOnlyCollection<string> slices) =>
        session.Query<ReportedActivity>().Where(r => r.MatchesSql("d.keys && ?", (object)slices.ToArray()));

    public static async Task<IReadOnlyDictionary<string, IndicatorDefinition>> IndicatorsAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<IndicatorDefinition>().ToListAsync(ct)).ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);

    static (string Dimension, string Key) Split(string slice)
    {
        var colon = slice.IndexOf(':');
        return (slice[..colon], slice[(colon + 1)..]);
    }
}
