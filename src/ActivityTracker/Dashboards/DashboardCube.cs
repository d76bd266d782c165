using ActivityTracker.Access;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using Marten;
using Marten.Linq.MatchesSql;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Dashboards read from the projected cube: the <see cref="CubeCell"/>s a request selects (the filters and the
/// reader's scope, as SQL over the cells' coordinates), merged by the requested dimension. A date range that
/// starts or ends inside a month takes its whole months from the cells and the activities of the edge months
/// only. The figures are those <see cref="DashboardSlice.Of"/> makes of the same activities (the property test
/// proves it), at a cost that follows the cells selected, not the history.
/// </summary>
public static class DashboardCube
{
    /// <summary>
    /// The slices of <paramref name="dimension"/> (<see cref="CubeCell.KeyIn"/>) holding any activity the filter and scope
    /// select, in key order; only the slice <paramref name="key"/> when given.
    /// </summary>
    public static async Task<IReadOnlyList<DashboardSlice>> SlicesAsync(IQuerySession session, string dimension, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, CancellationToken ct, string? key = null) =>
        (await CutsAsync(session, filter, scope, indicators, [dimension], ct, key is null ? null : new SliceKey(dimension, key))).By[dimension];

    /// <summary>
    /// The one read behind every dashboard the API and the pages show: the indicator definitions of the day read
    /// (as of <see cref="DashboardFilter.AsOf"/>: time travel uses the rules of its day), and <see cref="CutsAsync"/>.
    /// </summary>
    public static async Task<DashboardRead> ReadAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyList<string> dimensions, CancellationToken ct, SliceKey? slice = null)
    {
        var indicators = await DashboardSource.IndicatorsAsync(session, filter.AsOf, ct);
        return new DashboardRead(indicators, await CutsAsync(session, filter, scope, indicators, dimensions, ct, slice), !(scope.AllProgrammes && scope.AllCountries));
    }

    /// <summary>
    /// The figures of everything the filter and scope select (within <paramref name="slice"/> when given: a country's page
    /// is the cube restricted to that country), and its slices in each of <paramref name="dimensions"/>, from one read: a
    /// page showing totals, a trend by month and a table by country reads its cells once. Everything unfiltered, read by a
    /// user who sees everything, is the stored slices' own tallies (a few documents per dimension); whole years and the whole
    /// history of a read that cuts by no month merge the rollups (<see cref="CubeRollups"/>); a cut by host, programme and
    /// month only merges the stored cube slices (<see cref="CubeSlices"/>). As of a past instant,
    /// the activities are folded again (<see cref="DashboardSource.AsOfAsync"/>) and cut the same way. A read of now that was
    /// answered before and none of whose cells changed since is answered as it was (<see cref="DashboardReadCache"/>).
    /// </summary>
    public static Task<CubeCuts> CutsAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, IReadOnlyList<string> dimensions, CancellationToken ct, SliceKey? slice = null) =>
        filter.AsOf is null
            ? DashboardReadCache.Of(session.DocumentStore).CutsAsync(session, filter, scope, dimensions, slice,
                progress => CutsFromCellsAsync(session, filter, scope, indicators, dimensions, progress.Rollups, ct, slice), ct)
            : CutsFromCellsAsync(session, filter, scope, indicators, dimensions, rollups: false, ct, slice);

    /// <param name="rollups">Whether the rollups hold every activity (<see cref="DashboardPeriods.Rollups"/>), so whole years and the whole history may be read from them.</param>
    static async Task<CubeCuts> CutsFromCellsAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, IReadOnlyList<string> dimensions, bool rollups, CancellationToken ct, SliceKey? slice)
    {
        var total = new SliceTally { Id = "all:all" };
        var by = dimensions.ToDictionary(d => d, _ => new SortedDictionary<string, SliceTally>(StringComparer.Ordinal));
        // Counted once in the total; by country (or cube) taking part, once in each country's slice, and within a
        // slice's own dimension only in that slice.
        void Add(Func<string, IEnumerable<string>> keysIn, SliceTally tally)
        {
            total.Merge(tally);
            foreach (var (dimension, slices) in by)
                foreach (var its in keysIn(dimension))
                    if (slice is null || dimension != slice.Dimension || its == slice.Key)
                        (slices.TryGetValue(its, out var t) ? t : slices[its] = new SliceTally { Id = Dimensions.DocumentId(dimension, its) }).Merge(tally);
        }
        void AddActivity(ReportedActivity activity) => Add(d => Dimensions.KeysOf(d, activity.Activity, filter.Role), SliceTally.Of("", [activity], indicators));

        var months = MonthRange.Of(filter.From, filter.To);
        // As of an instant: the tallies (and a day range's edge activities) as they stood when the period it falls in began and the activities
        // changed since (AsOfChanges); a past the kept periods do not answer folds the events again (DashboardSource.AsOfAsync).
        AsOfChanges? changes = null;
        if (filter.AsOf is { } asOf && (changes = await AsOfChanges.ReadAsync(session, asOf, ct)) is null)
            return await FoldedAsync();
        var before = changes?.Before;

        var complete = scope.AllProgrammes && scope.AllCountries;
        // The stored slices are by host country: other roles read the cells.
        if (filter.SelectsAll && filter.Role == CountryRole.Host && complete && (slice is null || dimensions.All(d => d == slice.Dimension)))
        {
            // Each stored slice is the tally of one key of one dimension; the programmes' together are everything.
            var stored = slice is null ? dimensions.Append(Dimensions.Programme).Distinct() : [slice.Dimension];
            foreach (var dimension in stored)
                foreach (var tally in await StoredAsync(session, dimension, slice?.Key, before, ct))
                {
                    var its = tally.Id[(dimension.Length + 1)..];
                    if (dimensions.Contains(dimension))
                        by[dimension][its] = tally;
                    if (slice is not null || dimension == Dimensions.Programme)
                        total.Merge(tally);
                }
        }
        else
        {
            var coarse = CubeSlices.Answer(filter, dimensions, slice);
            // A read of now takes whole years and the whole history from the rollups when they answer it; months, and the past, from
            // the cube slices and cells.
            var plan = rollups && before is null ? CubeRollups.PlanFor(filter, scope, dimensions, slice) : null;
            // By month: the rollups by month answer a programme's months over the region, and what one country takes part in.
            var byMonth = rollups && before is null ? CubeRollups.MonthPlanFor(filter, scope, dimensions, slice) : null;
            foreach (var time in months.Pieces(monthly: plan is null))
            {
                if (plan is not null && time.Grain != CubeTime.Months)
                {
                    foreach (var cell in await CubeRollups.ReadAsync(session, plan, time, filter, scope, slice, ct))
                        Add(d => cell.KeysIn(d, filter.Role), cell.Tally);
                    if (plan.OutsideFromCells)
                        foreach (var cell in await CellsAsync(session, filter, scope, time.AsMonths(), slice, hostedOutsideScope: true, before, ct))
                            Add(d => cell.KeysIn(d, filter.Role), cell.Tally);
                    continue;
                }
                var span = time.AsMonths();
                if (byMonth is not null)
                {
                    foreach (var cell in await CubeRollups.MonthsAsync(session, byMonth, time, filter, scope, slice, ct))
                        Add(d => cell.KeysIn(d, filter.Role), cell.Tally);
                    // By host for a reader of one country, what it hosts is the cube slices' (below), what it takes part in elsewhere the rollups'.
                    if (byMonth.WholeRegion || filter.Role != CountryRole.Host)
                        continue;
                }
                if (coarse)
                    foreach (var (keyIn, tally) in await CubeSlices.ReadAsync(session, filter, scope, span, slice, before, ct))
                        Add(d => [keyIn(d)], tally);
                // The cells: all that are selected, or beside the cube slices those hosted outside the reader's countries that they take part in.
                if ((!coarse || !scope.AllCountries) && byMonth is null)
                    foreach (var cell in await CellsAsync(session, filter, scope, span, slice, hostedOutsideScope: coarse, before, ct))
                        Add(d => cell.KeysIn(d, filter.Role), cell.Tally);
            }
            if (months.Edges.Count > 0)
                foreach (var activity in await EdgeActivitiesAsync(session, months.Edges, filter, before, ct))
                    if (filter.Matches(activity.Activity) && scope.Covers(activity.Activity.ProgrammeCode, activity.Activity.Location.CountryCode, activity.Activity.ParticipatingCountries)
                        && (slice is null || slice.Holds(activity.Activity, filter.Role)))
                        AddActivity(activity);
        }
        if (changes is not null && !changes.ApplyTo(total, by, filter, scope, slice, indicators))
            return await FoldedAsync();
        return CubeCuts.Of(total, by);

        async Task<CubeCuts> FoldedAsync()
        {
            (total, by) = (new SliceTally { Id = "all:all" }, dimensions.ToDictionary(d => d, _ => new SortedDictionary<string, SliceTally>(StringComparer.Ordinal)));
            foreach (var activity in await DashboardSource.SelectAsync(session, filter, scope, ct))
                if (slice is null || slice.Holds(activity.Activity, filter.Role))
                    AddActivity(activity);
            return CubeCuts.Of(total, by) with { FoldedAgain = true };
        }
    }

    /// <summary>
    /// The activities behind one slice's figures, for the filter and scope (provenance, the figures explorer's drill):
    /// the slice's members by their indexed keys, so the cost follows the slice, not the history; as of an instant, its members
    /// as they stood when the instant's period began and the activities changed since (<see cref="AsOfChanges"/>).
    /// A country taking part has no slice of its own: its members are those of the cells it takes part in (each activity
    /// keeps its cell among its keys).
    /// </summary>
    public static async Task<IReadOnlyList<ReportedActivity>> MembersAsync(IQuerySession session, DashboardFilter filter, AccessScope scope, SliceKey slice, CancellationToken ct)
    {
        var changes = filter.AsOf is { } asOf ? await AsOfChanges.ReadAsync(session, asOf, ct) : null;
        List<string> keys = filter.Role != CountryRole.Host && slice.Dimension is Dimensions.Country or Dimensions.Cube
            ? [.. (await CellsAsync(session, filter with { From = null, To = null }, scope, MonthRange.Of(null, null), slice, hostedOutsideScope: false, changes?.Before, ct))
                .Select(c => c.Tally.Id)]
            : [Dimensions.DocumentId(slice.Dimension, slice.Key)];
        return await SelectedAsync(session, filter, scope, keys, changes, r => slice.Holds(r.Activity, filter.Role), ct);
    }

    /// <summary>
    /// The activities counted in any of the slices <paramref name="keys"/> (e.g. <c>partner:oim</c>, by their indexed keys) that the filter and
    /// scope select, each once; as of an instant, as they stood then (<see cref="AsOfChanges"/>), as <see cref="MembersAsync"/> reads a slice's.
    /// </summary>
    public static async Task<IReadOnlyList<ReportedActivity>> InSlicesAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var changes = filter.AsOf is { } asOf ? await AsOfChanges.ReadAsync(session, asOf, ct) : null;
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        return await SelectedAsync(session, filter, scope, keys, changes, r => r.Keys.Any(wanted.Contains), ct);
    }

    /// <summary>
    /// The activities in any of <paramref name="keys"/> now, or as of the filter's instant (the members as they stood when its month began,
    /// changed since; the events folded again when the kept periods do not answer), that are in the slice (<paramref name="holds"/>) and that
    /// the filter and scope select.
    /// </summary>
    static async Task<IReadOnlyList<ReportedActivity>> SelectedAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyCollection<string> keys, AsOfChanges? changes, Func<ReportedActivity, bool> holds, CancellationToken ct)
    {
        var candidates = filter.AsOf is not null && changes is null
            ? await DashboardSource.AsOfAsync(session, filter.AsOf.Value, ct)
            : keys.Count > 0 ? changes?.Apply(await ActivitiesInAsync(session, keys, changes.Before, ct)) ?? await ActivitiesInAsync(session, keys, null, ct)
            : changes?.Apply([]) ?? [];
        return candidates.Where(r => holds(r) && filter.Matches(r.Activity)
            && scope.Covers(r.Activity.ProgrammeCode, r.Activity.Location.CountryCode, r.Activity.ParticipatingCountries)).ToList();
    }

    /// <summary>
    /// Each target of the programme against the outcomes reported in its period (a year, or a quarter such as 2019-Q1)
    /// within the filter, counting only the activities <paramref name="scope"/> covers, like every other figure of the
    /// view: a read of the programme's cells per period (whole months), never of its activities.
    /// </summary>
    public static async Task<IReadOnlyList<TargetProgress>> TargetsAsync(IQuerySession session, Programmes.ProgrammeDetails programme, DashboardFilter filter,
        AccessScope scope, CancellationToken ct)
    {
        var progress = new List<TargetProgress>();
        var read = new Dictionary<string, DashboardSlice?>();
        foreach (var target in programme.Targets)
        {
            if (!read.TryGetValue(target.Period, out var inPeriod))
            {
                var (first, last) = PeriodSpelling.Days(target.Period);
                var from = filter.From > first ? filter.From.Value : first;
                var to = filter.To < last ? filter.To.Value : last;
                read[target.Period] = inPeriod = from > to ? null
                    : (await ReadAsync(session, filter with { Programme = programme.Code, From = from, To = to }, scope, [], ct)).Cuts.Total;
            }
            decimal Actual(Figures? figures) => figures?.Outcomes.FirstOrDefault(o => o.IndicatorCode == target.IndicatorCode)?.Value ?? 0;
            progress.Add(new TargetProgress(target.IndicatorCode, target.Period, target.Value, Actual(inPeriod?.AllReported), Actual(inPeriod?.Approved)));
        }
        return progress;
    }

    /// <summary>
    /// The stored tallies of a dimension's slices (or of one), which the projection keeps beside each slice; with <paramref name="before"/>,
    /// as they stood when that period began (<see cref="Held"/>).
    /// </summary>
    static async Task<IReadOnlyList<SliceTally>> StoredAsync(IQuerySession session, string dimension, string? key, string? before, CancellationToken ct)
    {
        if (before is null)
            return key is not null
                ? (await session.LoadAsync<SliceTally>(Dimensions.DocumentId(dimension, key), ct)) is { } one ? [one] : []
                : await session.Query<SliceTally>().Where(t => t.Id.StartsWith(dimension + ":")).ToListAsync(ct);
        var (match, value) = key is not null ? ("= ?", Dimensions.DocumentId(dimension, key)) : ("like ?", dimension + ":%");
        var (current, past) = ($"d.id {match} and {PastTallies.CurrentBefore("d.data->>'Since'")}", $"d.key {match} and {PastTallies.HeldBefore}");
        return await Held(before, async () => await session.Query<SliceTally>().Where(t => t.MatchesSql(current, value, before)).ToListAsync(ct),
            async () => (await session.Query<PastSliceTally>().Where(t => t.MatchesSql(past, value, before, before)).ToListAsync(ct)).Select(p => p.Tally),
            t => t.Id);
    }

    /// <summary>
    /// Tallies as they stood when a period began: the current ones unchanged since, and the kept ones of the periods before. The current
    /// ones are read first: one the projection changes meanwhile is then kept (as read) before it is read again, never missed; a
    /// tally read twice that way is the same tally, counted once.
    /// </summary>
    public static async Task<IReadOnlyList<T>> Held<T>(string before, Func<Task<IEnumerable<T>>> current, Func<Task<IEnumerable<T>>> past, Func<T, string> keyOf)
    {
        var held = (await current()).ToList();
        var seen = held.Select(keyOf).ToHashSet(StringComparer.Ordinal);
        held.AddRange((await past()).Where(t => seen.Add(keyOf(t))));
        return held;
    }

    /// <summary>
    /// The cells of whole months that the filter and the scope select (the read rule of <see cref="AccessScope.Covers"/>); with
    /// <paramref name="hostedOutsideScope"/>, only those hosted outside the reader's countries that one of them takes part in.
    /// </summary>
    static async Task<IReadOnlyList<CubeCell>> CellsAsync(IQuerySession session, DashboardFilter filter, AccessScope scope, MonthRange months,
        SliceKey? slice, bool hostedOutsideScope, string? before, CancellationToken ct)
    {
        var sql = CellSql.For(filter, scope, hostedOutsideScope);
        if (slice is not null)
            foreach (var (column, value) in Coordinates(slice.Dimension, slice.Key))
                if (column == "host")
                    sql.AddCountry("d.host = ?", value);
                else
                    sql.Add($"d.{column} = ?", value);
        if (months.First is { } first)
            sql.Add("d.month <> ? and d.month >= ?", Dimensions.Undated, first);
        if (months.Last is { } last)
            sql.Add("d.month <> ? and d.month <= ?", Dimensions.Undated, last);

        if (before is null)
            return sql.IsEmpty
                ? await session.Query<CubeCell>().ToListAsync(ct)
                : await session.Query<CubeCell>().Where(c => c.MatchesSql(sql.Text(), sql.Values())).ToListAsync(ct);
        var (current, past) = (sql.Text(PastTallies.CurrentBefore("d.data->'Tally'->>'Since'")), sql.Text(PastTallies.HeldBefore));
        object[] then = sql.Values(before), held = sql.Values(before, before);
        return await Held<CubeCell>(before,
            async () => await session.Query<CubeCell>().Where(c => c.MatchesSql(current, then)).ToListAsync(ct),
            async () => await session.Query<PastCubeCell>().Where(c => c.MatchesSql(past, held)).ToListAsync(ct),
            c => c.Tally.Id);
    }

    /// <summary>
    /// How many activities the reader sees each country take part in (<see cref="CountryRole.TakingPart"/>, all reported), the
    /// countries list's column: the cells' counts added up in the database, by country among their parts, so the list costs
    /// one aggregate, not a read of every cell with countries taking part. The same figures as the <c>activities</c> of
    /// <c>GET /api/dashboards/countries?role=taking-part</c>. Kept until a cell with countries taking part changes (<see cref="DashboardReadCache"/>).
    /// </summary>
    public static Task<IReadOnlyDictionary<string, int>> TakingPartActivitiesAsync(IQuerySession session, AccessScope scope, CancellationToken ct) =>
        DashboardReadCache.Of(session.DocumentStore).ReadAsync(session, "taking-part-activities", new DashboardInterest(DashboardFilter.None with { Role = CountryRole.TakingPart }),
            scope, _ => CountTakingPartAsync(session, scope, ct), counts => counts.Count, ct);

    static async Task<IReadOnlyDictionary<string, int>> CountTakingPartAsync(IQuerySession session, AccessScope scope, CancellationToken ct)
    {
        var rules = CellSql.ScopeSql(scope, hostedOutsideScope: false).ToList();
        var where = rules.Count == 0 ? "" : "where " + string.Join(" and ", rules.Select(r => r.Sql));
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_cubecell";
        // One text per country ("HN|12"): a scalar Marten reads without a document type.
        var rows = await session.QueryAsync<string>(
            $"select part || '|' || sum((d.data->'Tally'->'AllReported'->>'Activities')::int) from {table} d cross join unnest(d.parts) as part {where} group by part",
            ct, [.. rules.SelectMany(r => r.Args)]);
        return rows.Select(r => r.Split('|')).ToDictionary(r => r[0], r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The cell columns that hold a slice's key (a cube slice is three of them).</summary>
    static IEnumerable<(string Column, string Value)> Coordinates(string dimension, string key)
    {
        if (dimension != Dimensions.Cube)
            return [(dimension == Dimensions.Country ? "host" : dimension, key)];
        var parts = key.Split('|');
        return parts.Length == 3 ? [("host", parts[0]), ("programme", parts[1]), ("month", parts[2])] : [("host", "")];
    }

    /// <summary>
    /// The activities reported in the given months (by their month slice, an indexed key) on the filter's days: a range
    /// from the 15th reads half of its first month. The date is the one <see cref="DashboardFilter.Matches"/> uses. With
    /// <paramref name="before"/>, the months' activities as they stood when that period began (the caller keeps the days).
    /// </summary>
    public static async Task<IReadOnlyList<ReportedActivity>> EdgeActivitiesAsync(IQuerySession session, IReadOnlyList<string> months, DashboardFilter filter,
        string? before, CancellationToken ct)
    {
        var keys = months.Select(m => Dimensions.DocumentId(Dimensions.Month, m)).ToArray();
        if (before is not null)
            return await ActivitiesInAsync(session, keys, before, ct);
        const string day = "coalesce(d.data->'Activity'->>'ActualStart', d.data->'Activity'->>'PlannedStart')";
        var iso = System.Globalization.CultureInfo.InvariantCulture;
        var from = filter.From?.ToString("yyyy-MM-dd", iso) ?? "0000-01-01";
        var to = filter.To?.ToString("yyyy-MM-dd", iso) ?? "9999-12-31";
        return await DashboardProjection.InAnySlice(session, keys)
            .Where(r => r.MatchesSql($"{day} between ? and ?", from, to))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The activities counted in any of the slices (<paramref name="keys"/>, by the indexed keys); with <paramref name="before"/>, as they
    /// stood when that period began (<see cref="Held"/>: the current ones unchanged since, and the kept ones).
    /// </summary>
    static async Task<IReadOnlyList<ReportedActivity>> ActivitiesInAsync(IQuerySession session, IReadOnlyCollection<string> keys, string? before, CancellationToken ct)
    {
        if (before is null)
            return await DashboardProjection.InAnySlice(session, keys).ToListAsync(ct);
        var slices = keys.ToArray();
        return await Held(before,
            async () => await session.Query<ReportedActivity>().Where(r => r.MatchesSql($"d.keys && ? and {PastTallies.CurrentBefore("d.data->>'Since'")}", slices, before)).ToListAsync(ct),
            async () => (await session.Query<PastActivity>().Where(a => a.MatchesSql($"d.keys && ? and {PastTallies.HeldBefore}", slices, before, before)).ToListAsync(ct))
                .Select(a => a.Activity),
            r => r.Id.ToString());
    }
}

/// <summary>One slice of a dimension (<c>country</c>, <c>MX</c>): what a country's or programme's page is restricted to.</summary>
public sealed record SliceKey(string Dimension, string Key)
{
    /// <summary>Whether the activity counts in this slice when countries have <paramref name="role"/> (a country's slice: as host, taking part or either).</summary>
    public bool Holds(Activities.GettingDetails.ActivityDetails activity, CountryRole role = CountryRole.Host) =>
        Dimensions.KeysOf(Dimension, activity, role).Contains(Key, StringComparer.Ordinal);
}

/// <summary>
/// A dashboard as <see cref="DashboardCube.ReadAsync"/> read it: the cuts, the indicator definitions their outcomes are
/// named and added by, and whether the reader's scope left some activities out.
/// </summary>
public sealed record DashboardRead(IReadOnlyDictionary<string, IndicatorDefinition> Indicators, CubeCuts Cuts, bool ScopeFiltered)
{
    /// <summary>The figures of everything read; empty figures when nothing was selected.</summary>
    public DashboardSlice Total(string dimension = "all", string key = "all") =>
        Cuts.Total is { } total ? total with { Dimension = dimension, Key = key, Id = Dimensions.DocumentId(dimension, key) } : DashboardSlice.Of(dimension, key, [], Indicators);

    public IReadOnlyList<DashboardSlice> By(string dimension) => Cuts.By[dimension];
}

/// <summary>
/// What <see cref="DashboardCube.CutsAsync"/> read: the figures of everything selected, and its slices by dimension and key.
/// <see cref="FoldedAgain"/>: as of an instant the tallies kept by month could not answer, so the events were folded again.
/// </summary>
public sealed record CubeCuts(DashboardSlice? Total, IReadOnlyDictionary<string, IReadOnlyList<DashboardSlice>> By)
{
    public bool FoldedAgain { get; init; }

    public static CubeCuts Of(SliceTally total, Dictionary<string, SortedDictionary<string, SliceTally>> by) => new(
        total.Members == 0 ? null : total.ToSlice(),
        by.ToDictionary(d => d.Key, d => (IReadOnlyList<DashboardSlice>)d.Value.Values.Select(t => t.ToSlice()).ToList()));
}

/// <summary>
/// A date range as the cube reads it: the whole months inside it (from the cells) and the months it starts or
/// ends inside of (from their activities). No range: every cell, undated ones included.
/// </summary>
public sealed record MonthRange(string? First, string? Last, bool HasWholeMonths, IReadOnlyList<string> Edges)
{
    public static MonthRange Of(DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null)
            return new MonthRange(null, null, true, []);
        var edges = new List<string>();
        string? first = null, last = null;
        DateOnly? firstWhole = null, lastWhole = null;
        if (from is { } f)
        {
            firstWhole = f.Day == 1 ? f : Month(f).AddMonths(1);
            if (f.Day != 1)
                edges.Add(Key(f));
            first = Key(firstWhole.Value);
        }
        if (to is { } t)
        {
            var lastDay = Month(t).AddMonths(1).AddDays(-1);
            lastWhole = t == lastDay ? Month(t) : Month(t).AddMonths(-1);
            if (t != lastDay && !edges.Contains(Key(t)))
                edges.Add(Key(t));
            last = Key(lastWhole.Value);
        }
        var hasWhole = firstWhole is null || lastWhole is null || firstWhole <= lastWhole;
        return new MonthRange(first, last, hasWhole, edges);
    }

    /// <summary>
    /// The whole months in parts as the cube reads them: all of them as months when the read cuts by month
    /// (<paramref name="monthly"/>); else the whole history when there is no range, or the whole years inside it and
    /// the months before and after them.
    /// </summary>
    public IReadOnlyList<CubeTime> Pieces(bool monthly)
    {
        if (!HasWholeMonths)
            return [];
        if (monthly)
            return [new CubeTime(CubeTime.Months, First, Last)];
        if (First is null && Last is null)
            return [new CubeTime(CubeTime.All, null, null)];
        static int Year(string month) => int.Parse(month[..4], System.Globalization.CultureInfo.InvariantCulture);
        static string Text(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        int? firstYear = First is null ? null : Year(First) + (First.EndsWith("-01", StringComparison.Ordinal) ? 0 : 1);
        int? lastYear = Last is null ? null : Year(Last) - (Last.EndsWith("-12", StringComparison.Ordinal) ? 0 : 1);
        if (firstYear > lastYear)
            return [new CubeTime(CubeTime.Months, First, Last)];
        var pieces = new List<CubeTime>();
        if (First is not null && firstYear != Year(First))
            pieces.Add(new CubeTime(CubeTime.Months, First, $"{First[..4]}-12"));
        pieces.Add(new CubeTime(CubeTime.Years, firstYear is { } f ? Text(f) : null, lastYear is { } l ? Text(l) : null));
        if (Last is not null && lastYear != Year(Last))
            pieces.Add(new CubeTime(CubeTime.Months, $"{Last[..4]}-01", Last));
        return pieces;
    }

    static DateOnly Month(DateOnly d) => new(d.Year, d.Month, 1);

    static string Key(DateOnly d) => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
