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
/// recomputed from its members. Either way the slice is what <see cref="DashboardSlice.Of"/>
/// makes of its members, so a rebuild produces exactly the same documents.
/// </summary>
/// <param name="eventsPerPeriod">How many events a period of the kept tallies holds before another starts within its month (<see cref="DashboardPeriods"/>).</param>
public sealed class DashboardProjection(long eventsPerPeriod = DashboardPeriods.DefaultEventsPerPeriod) : IProjection
{
    public const string Name = "Dashboards";

    /// <summary>The setting (<c>Dashboards:EventsPerPeriod</c>) that overrides <see cref="DashboardPeriods.DefaultEventsPerPeriod"/>.</summary>
    public const string EventsPerPeriodSetting = "Dashboards:EventsPerPeriod";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        // The batch in periods (DashboardPeriods): a tally changed for the first time in a period is kept as it stood before
        // (PastTallies), so time travel reads the tallies as they stood when a period began.
        var periods = await operations.LoadAsync<DashboardPeriods>(DashboardPeriods.DocumentId, ct) ?? await StartPeriodsAsync(operations, events[0], ct);
        var runs = periods.Split(events, eventsPerPeriod);
        operations.Store(periods);
        foreach (var late in runs.SelectMany(r => r.Late))
            operations.Store(new LateEvent { Id = late.Sequence, StreamId = late.StreamId, Timestamp = late.Timestamp });

        // Everything the runs read is read once for the whole batch: the activities' states, the tallies of every slice
        // any run may touch, the indicators. A batch of a history loaded at once crosses many periods, and reads per run
        // made a rebuild pay a round trip per read per period.
        var work = new Work(operations, await IndicatorsAsync(operations, ct));
        var folded = await work.FoldAsync(runs, ct);
        for (var i = 0; i < runs.Count; i++)
            await ApplyAsync(work, runs[i], folded[i].Before, folded[i].Batch, ct);
        // An activity in no slice (one marked a duplicate) still changes: its document follows, though no tally moves.
        foreach (var now in work.Updated.Values)
            operations.Store(now);
        if (work.Touched.Count == 0)
            return;
        // Open pages learn which cells moved (DashboardUpdates), and refresh only when one they show did.
        var last = events[^1];
        operations.Store(DashboardChange.Of(last.Sequence, last.Timestamp, work.Touched.Where(CubeCell.Is)));
        var expired = last.Timestamp - DashboardChange.Retention;
        operations.DeleteWhere<DashboardChange>(c => c.At < expired);
        foreach (var slice in work.Touched)
        {
            var tally = work.Tallies[slice];
            // A cell of the cube is stored with its coordinates, for the dashboards' queries to select it by.
            if (CubeCell.Is(slice) && tally is { Members: > 0 })
                operations.Store(CubeCell.Of(tally));
            else if (CubeCell.Is(slice))
                operations.Delete<CubeCell>(slice);
            else if (CubeRollup.Is(slice) && tally is { Members: > 0 })
                operations.Store(CubeRollup.Of(tally));
            else if (CubeRollup.Is(slice))
                operations.Delete<CubeRollup>(slice);
            else if (PartnerCell.Is(slice) && tally is { Members: > 0 })
                operations.Store(PartnerCell.Of(tally));
            else if (PartnerCell.Is(slice))
                operations.Delete<PartnerCell>(slice);
            else if (tally is { Members: > 0 })
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

    /// <summary>
    /// The periods of a projection that starts now: from the first event when nothing was processed before it (a rebuild, a new
    /// store); else older tallies are not known by period (time travel to before its first period folds the events again).
    /// </summary>
    static async Task<DashboardPeriods> StartPeriodsAsync(IDocumentOperations operations, IEvent first, CancellationToken ct)
    {
        var table = $"{operations.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        var earlier = await operations.QueryAsync<bool>($"select exists (select 1 from {table} where seq_id < ?)", ct, first.Sequence);
        var fromStart = !earlier.Single();
        return new DashboardPeriods { FromStart = fromStart, Rollups = fromStart, PartnerCells = fromStart, Generation = Guid.NewGuid() };
    }

    /// <summary>
    /// What one call of the projection has read and changed so far, run after run: each activity's state, and each tally
    /// (null: none), so a later run of the same batch starts from what an earlier one left.
    /// </summary>
    sealed class Work(IDocumentOperations operations, IReadOnlyDictionary<string, IndicatorDefinition> indicators)
    {
        public IDocumentOperations Operations { get; } = operations;
        public IReadOnlyDictionary<string, IndicatorDefinition> Indicators { get; } = indicators;
        public Dictionary<Guid, ReportedActivity> Updated { get; } = [];
        public Dictionary<string, SliceTally?> Tallies { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Touched { get; } = new(StringComparer.Ordinal);
        /// <summary>
        /// Folds every run of the batch ahead, purely, from the stored state of its activities (read in one round trip): each
        /// run's activities as they stood before it and what it changes. The tallies of every slice the runs touch are read
        /// in one round trip too.
        /// </summary>
        public async Task<IReadOnlyList<(IReadOnlyDictionary<Guid, ReportedActivity> Before, Batch Batch)>> FoldAsync(
            IReadOnlyList<DashboardPeriods.Run> runs, CancellationToken ct)
        {
            var streams = runs.SelectMany(r => r.Events).Where(e => e.Data is IActivityEvent).Select(e => e.StreamId).Distinct().ToList();
            var states = streams.Count == 0 ? [] : (await Operations.LoadManyAsync<ReportedActivity>(ct, streams)).ToDictionary(r => r.Id);
            var folded = new List<(IReadOnlyDictionary<Guid, ReportedActivity>, Batch)>();
            var slices = new HashSet<string>(StringComparer.Ordinal);
            foreach (var run in runs)
            {
                var before = run.Events.Select(e => e.StreamId).Distinct().Where(states.ContainsKey).ToDictionary(id => id, id => states[id]);
                var batch = Fold(before, run.Events);
                folded.Add((before, batch));
                slices.UnionWith(batch.Touched);
                // As the run leaves them (ApplyAsync stamps the same period), for the next run's "before".
                foreach (var (id, now) in batch.Updated)
                    states[id] = now with { Since = run.Period };
            }
            await LoadTalliesAsync(slices, ct);
            return folded;
        }

        public async Task LoadTalliesAsync(IReadOnlyCollection<string> slices, CancellationToken ct)
        {
            var unread = slices.Where(s => !Tallies.ContainsKey(s)).ToList();
            if (unread.Count == 0)
                return;
            foreach (var slice in unread)
                Tallies[slice] = null;
            var (cells, rollups, partners) = (unread.Where(CubeCell.Is).ToList(), unread.Where(CubeRollup.Is).ToList(), unread.Where(PartnerCell.Is).ToList());
            var tallies = unread.Where(s => !CubeCell.Is(s) && !CubeRollup.Is(s) && !PartnerCell.Is(s)).ToList();
            foreach (var tally in tallies.Count == 0 ? [] : await Operations.LoadManyAsync<SliceTally>(ct, tallies))
                Tallies[tally.Id] = tally;
            foreach (var cell in cells.Count == 0 ? [] : await Operations.LoadManyAsync<CubeCell>(ct, cells))
                Tallies[cell.Id] = cell.Tally;
            foreach (var rollup in rollups.Count == 0 ? [] : await Operations.LoadManyAsync<CubeRollup>(ct, rollups))
                Tallies[rollup.Id] = rollup.Tally;
            foreach (var cell in partners.Count == 0 ? [] : await Operations.LoadManyAsync<PartnerCell>(ct, partners))
                Tallies[cell.Id] = cell.Tally;
        }
    }

    /// <summary>One run of a batch, all in one period, folded ahead (<see cref="Work.FoldAsync"/>).</summary>
    static async Task ApplyAsync(Work work, DashboardPeriods.Run run, IReadOnlyDictionary<Guid, ReportedActivity> before, Batch batch,
        CancellationToken ct)
    {
        var (operations, period) = (work.Operations, run.Period);
        var revised = run.Events.Where(e => e.Data is IndicatorRevised).Select(e => e.StreamId).Distinct().ToList();
        if (batch.Updated.Count == 0 && revised.Count == 0)
            return;

        foreach (var now in batch.Updated.Values)
        {
            // An activity changed for the first time in this period is kept as it stood (time travel reads it, as it reads tallies).
            if (before.GetValueOrDefault(now.Id) is { } was && string.CompareOrdinal(was.Since, period) < 0)
                operations.Store(PastActivity.Keep(was, period));
            work.Updated[now.Id] = now with { Since = period };
        }

        // A revised indicator (e.g. a new aggregation rule) changes the figures of every slice that has a report of it:
        // recompute them from their members, as a rebuild would with the current definition.
        var recompute = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in revised.Count == 0 ? [] : await operations.LoadManyAsync<IndicatorDefinition>(ct, revised))
        {
            var reporting = await operations.Query<ReportedActivity>().Where(r => r.Activity.Outcomes.Any(o => o.IndicatorCode == indicator.Code)).ToListAsync(ct);
            recompute.UnionWith(Current(reporting, work.Updated).Where(r => r.Activity.Outcomes.Any(o => o.IndicatorCode == indicator.Code)).SelectMany(r => r.Keys));
        }

        var touched = batch.Touched.Union(recompute, StringComparer.Ordinal).ToList();
        await work.LoadTalliesAsync(touched, ct);
        // A tally about to change for the first time in this period is kept as it stood (time travel reads it; not the rollups
        // and partner cells, which reads of the past do not use).
        foreach (var slice in touched)
            if (!KeptForNowOnly(slice) && work.Tallies[slice] is { } tally && string.CompareOrdinal(tally.Since, period) < 0)
                operations.Store(PastTallies.Keep(tally, period));
        var indicators = work.Indicators;
        // The slice's running totals follow the batch's changes. A slice without them yet (new in this batch) has no stored
        // member (a slice left without members is deleted), so its members are those the batch put in it; a change the totals
        // cannot follow recomputes the slice from its members, all such slices' members read at once.
        var changes = ChangesBySlice(batch.Updated.Values, before);
        var fresh = new List<string>();
        var fromMembers = new List<string>();
        foreach (var slice in touched)
        {
            // One left without members is gone (a later period's run starts it anew).
            if (recompute.Contains(slice))
                fromMembers.Add(slice);
            else if (work.Tallies[slice] is not { } tally)
                fresh.Add(slice);
            else if (tally.Change(changes.GetValueOrDefault(slice) ?? [], indicators))
                work.Tallies[slice] = tally.Members > 0 ? WithSince(tally, period) : null;
            else
                fromMembers.Add(slice);
        }
        var stored = fromMembers.Count == 0 ? [] : await InAnySlice(operations, fromMembers).ToListAsync(ct);
        // The batch's activities by slice, once, rather than every activity asked about every slice.
        var updatedIn = (fresh.Count + fromMembers.Count == 0 ? Enumerable.Empty<ReportedActivity>() : work.Updated.Values)
            .SelectMany(r => r.Keys.Distinct().Select(k => (Slice: k, Activity: r)))
            .ToLookup(m => m.Slice, m => m.Activity, StringComparer.Ordinal);
        foreach (var (slice, members) in fresh.Select(s => (s, Enumerable.Empty<ReportedActivity>()))
                     .Concat(fromMembers.Select(s => (s, stored.Where(r => r.Keys.Contains(s))))))
            work.Tallies[slice] = SliceTally.Of(slice, [.. members.Where(r => !work.Updated.ContainsKey(r.Id)), .. updatedIn[slice]], indicators)
                is { Members: > 0 } tally
                ? WithSince(tally, period)
                : null;
        work.Touched.UnionWith(touched);
    }

    /// <summary>
    /// Each slice's part of a run: the activities that were or are counted in it, as they were (null: not counted) and as they
    /// are (null: no longer), in the run's order. Gathered from each activity's keys, so the cost follows the activities' keys,
    /// never the slices times the activities.
    /// </summary>
    static Dictionary<string, List<(ReportedActivity? Was, ReportedActivity? Member)>> ChangesBySlice(
        IEnumerable<ReportedActivity> updated, IReadOnlyDictionary<Guid, ReportedActivity> before)
    {
        var changes = new Dictionary<string, List<(ReportedActivity?, ReportedActivity?)>>(StringComparer.Ordinal);
        foreach (var now in updated)
        {
            var was = before.GetValueOrDefault(now.Id);
            var (wasIn, nowIn) = (was?.Keys.ToHashSet(StringComparer.Ordinal) ?? [], now.Keys.ToHashSet(StringComparer.Ordinal));
            foreach (var slice in wasIn.Union(nowIn))
            {
                if (!changes.TryGetValue(slice, out var list))
                    changes[slice] = list = [];
                list.Add((wasIn.Contains(slice) ? was : null, nowIn.Contains(slice) ? now : null));
            }
        }
        return changes;
    }

    /// <summary>Tallies that reads of the past do not use, so no period keeps them as they stood.</summary>
    public static bool KeptForNowOnly(string slice) => CubeRollup.Is(slice) || PartnerCell.Is(slice);

    static SliceTally WithSince(SliceTally tally, string period)
    {
        tally.Since = period;
        return tally;
    }

    /// <summary>Stored activities as this call has left them: those it changed in their new state.</summary>
    static IEnumerable<ReportedActivity> Current(IEnumerable<ReportedActivity> stored, IReadOnlyDictionary<Guid, ReportedActivity> updated) =>
        stored.Where(r => !updated.ContainsKey(r.Id)).Concat(updated.Values);

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
    /// The stored activities counted in any of the slices. Written against the duplicated <c>keys</c> column
    /// because its GIN index only serves array operators (here overlap, <c>&amp;&amp;</c>), while Marten translates
    /// <c>Keys.Contains(slice)</c> on a duplicated array to <c>= ANY(keys)</c>, which no index serves.
    /// </summary>
    public static IQueryable<ReportedActivity> InAnySlice(IQuerySession session, IReadOnlyCollection<string> slices) =>
        session.Query<ReportedActivity>().Where(r => r.MatchesSql("d.keys && ?", (object)slices.ToArray()));

    public static async Task<IReadOnlyDictionary<string, IndicatorDefinition>> IndicatorsAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<IndicatorDefinition>().ToListAsync(ct)).ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
}
