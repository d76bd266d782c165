using ActivityTracker.Access;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using Marten;
using Marten.Linq.MatchesSql;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Dashboards by partner. A partner is not a coordinate of the cube (an activity names several), so the projection keeps, per
/// partner an activity names, its cells (<see cref="PartnerCell"/>: by programme, host, countries taking part and kind, for a
/// month, a year and the whole history) and a tally per partner. Everything now, read by a user who sees everything, is the
/// kept tallies; any other read of now merges the cells the filter and scope select (whole years from the cells by year, the
/// whole history from those of all time, naming at most one country from the hosted and taking-part cells, <see cref="PartnerPlan"/>;
/// a day range's edge months from their activities), so its cost follows the cells, not the history; a read asked again is as it
/// was until a cell of its activities changes (<see cref="DashboardReadCache"/>).
/// As of an instant, a partner's figures are made of its activities found by their keys (<c>partner:oim</c>), as they stood then.
/// An organisation merged into another counts under the survivor, over all history, each activity once
/// (<see cref="OrganisationDirectory"/>): a survivor's cells are those of every code merged into it, unless one activity names two
/// of them (then that survivor's figures are made of its activities, so it is counted once).
/// </summary>
public static class PartnerSlices
{
    /// <summary>The partners' slices holding any activity the filter and scope select, in code order; only <paramref name="partner"/>'s (a survivor) when given.</summary>
    public static async Task<IReadOnlyList<DashboardSlice>> ReadAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, CancellationToken ct, string? partner = null)
    {
        var groups = await GroupsAsync(session, partner, ct);
        var slices = new List<DashboardSlice>();
        if (filter.SelectsAll && filter.AsOf is null && scope.AllProgrammes && scope.AllCountries)
        {
            // A partner no other was merged into is its kept tally (the tally of the activities naming it).
            var alone = groups.Where(g => g.Value is [var code] && code == g.Key).Select(g => Dimensions.DocumentId(Dimensions.Partner, g.Key)).ToList();
            slices.AddRange((await session.LoadManyAsync<SliceTally>(ct, alone)).Where(t => t.Members > 0).Select(t => t.ToSlice()));
            foreach (var key in alone)
                groups.Remove(key[(Dimensions.Partner.Length + 1)..]);
        }

        var survivorOf = groups.SelectMany(g => g.Value.Select(code => (Code: code, Survivor: g.Key))).ToDictionary(c => c.Code, c => c.Survivor, StringComparer.Ordinal);
        if (survivorOf.Count > 0)
            slices.AddRange(filter.AsOf is null
                // Kept until a cell of theirs changes, for these groups of partners (a merge since is another read).
                ? await DashboardReadCache.Of(session.DocumentStore).ReadAsync(session,
                    "partners:" + string.Join(',', survivorOf.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}>{c.Value}")),
                    new DashboardInterest(filter), scope,
                    progress => progress.PartnerCells
                        ? FromCellsAsync(session, filter, scope, indicators, survivorOf, ct)
                        : GroupedAsync(session, filter, scope, indicators, survivorOf, ct),
                    read => read.Count, ct)
                : await GroupedAsync(session, filter, scope, indicators, survivorOf, ct));
        return [.. slices.OrderBy(s => s.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The slices of the survivors of <paramref name="survivorOf"/> from the cells of the codes grouped under each (each activity once
    /// under each survivor, as <see cref="GroupedAsync"/> counts it): whole months from the cells of the coarsest grain that fits, the
    /// edge months of a day range from their activities. A survivor two of whose codes one activity names reads its activities.
    /// </summary>
    static async Task<IReadOnlyList<DashboardSlice>> FromCellsAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, Dictionary<string, string> survivorOf, CancellationToken ct)
    {
        var named = await NamedTogetherAsync(session, survivorOf, ct);
        var fromCells = survivorOf.Where(c => !named.Contains(c.Value)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        var tallies = new SortedDictionary<string, SliceTally>(StringComparer.Ordinal);
        void Add(string survivor, SliceTally tally) =>
            (tallies.TryGetValue(survivor, out var t) ? t : tallies[survivor] = new SliceTally { Id = Dimensions.DocumentId(Dimensions.Partner, survivor) }).Merge(tally);
        if (fromCells.Count > 0)
        {
            var months = MonthRange.Of(filter.From, filter.To);
            foreach (var time in months.Pieces(monthly: false))
                foreach (var cell in await CellsAsync(session, filter, scope, [.. fromCells.Keys], time, ct))
                    Add(fromCells[cell.Partner], cell.Tally);
            if (months.Edges.Count > 0)
                foreach (var activity in await DashboardCube.EdgeActivitiesAsync(session, months.Edges, filter, null, ct))
                {
                    var survivors = Dimensions.PartnersOf(activity.Activity).Select(fromCells.GetValueOrDefault).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                    if (survivors.Count == 0 || !filter.Matches(activity.Activity)
                        || !scope.Covers(activity.Activity.ProgrammeCode, activity.Activity.Location.CountryCode, activity.Activity.ParticipatingCountries))
                        continue;
                    // Its tally once, added under each survivor it names (a merge adds into the survivor's, never changes its own).
                    var tally = SliceTally.Of("", [activity], indicators);
                    foreach (var survivor in survivors)
                        Add(survivor, tally);
                }
        }
        var slices = tallies.Values.Where(t => t.Members > 0).Select(t => t.ToSlice()).ToList();
        if (named.Count > 0)
            slices.AddRange(await GroupedAsync(session, filter, scope, indicators,
                survivorOf.Where(c => named.Contains(c.Value)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal), ct));
        return slices;
    }

    /// <summary>
    /// The partner cells of <paramref name="codes"/> in <paramref name="time"/> that the filter and scope select: of whole years or the whole
    /// history, the hosted and taking-part cells when a plan answers (<see cref="PartnerPlan"/>), else the full cells.
    /// </summary>
    static async Task<IReadOnlyList<PartnerCell>> CellsAsync(IQuerySession session, DashboardFilter filter, AccessScope scope, string[] codes, CubeTime time,
        CancellationToken ct)
    {
        if ((time.Grain == CubeTime.Months ? null : PartnerPlan.For(filter, scope)) is not { } plan)
            return await SelectAsync(CellSql.For(filter, scope), PartnerCell.Shapes.Full);
        var cells = new List<PartnerCell>();
        if (plan.Hosted)
        {
            var hosted = CellSql.For(filter, scope, countries: false);
            if (plan.Host is { } host)
                hosted.Add("upper(d.host) = ?", host);
            cells.AddRange(await SelectAsync(hosted, PartnerCell.Shapes.Hosted));
        }
        if (plan.Part is { } part)
        {
            var takingPart = CellSql.For(filter, scope, countries: false);
            takingPart.Add("d.parts && ?", (object)new[] { part });
            cells.AddRange(await SelectAsync(takingPart, PartnerCell.Shapes.TakingPart));
        }
        return cells;

        async Task<IReadOnlyList<PartnerCell>> SelectAsync(CellSql sql, string shape)
        {
            sql.Add("d.shape = ?", shape);
            sql.Add("d.partner = any(?)", (object)codes);
            sql.Add("d.grain = ?", time.Grain switch { CubeTime.All => PartnerCell.Grains.All, CubeTime.Years => PartnerCell.Grains.Year, _ => PartnerCell.Grains.Month });
            // Months or years in a range hold no undated activity; months with no range are every month and the undated.
            if (time.Grain != CubeTime.All && (time.First is not null || time.Last is not null))
                sql.Add("d.time <> ?", Dimensions.Undated);
            if (time.Grain != CubeTime.All && time.First is { } first)
                sql.Add("d.time >= ?", first);
            if (time.Grain != CubeTime.All && time.Last is { } last)
                sql.Add("d.time <= ?", last);
            return await session.Query<PartnerCell>().Where(c => c.MatchesSql(sql.Text(), sql.Values())).ToListAsync(ct);
        }
    }

    /// <summary>
    /// The survivors two of whose codes one activity names (both kept under one survivor since a merge): their codes' cells would count
    /// that activity twice. One round trip: a lookup of the activities' indexed keys per pair of codes grouped under one survivor.
    /// </summary>
    static async Task<IReadOnlySet<string>> NamedTogetherAsync(IQuerySession session, Dictionary<string, string> survivorOf, CancellationToken ct)
    {
        var pairs = survivorOf.GroupBy(c => c.Value, StringComparer.Ordinal)
            .SelectMany(g => g.Select(c => c.Key).Order(StringComparer.Ordinal).ToList() is var codes
                ? codes.SelectMany((a, i) => codes.Skip(i + 1).Select(b => (Survivor: g.Key, A: a, B: b)))
                : [])
            .ToList();
        if (pairs.Count == 0)
            return new HashSet<string>();
        string[] Keys(Func<(string Survivor, string A, string B), string> code) => [.. pairs.Select(p => Dimensions.DocumentId(Dimensions.Partner, code(p)))];
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_reportedactivity";
        var named = await session.QueryAsync<string>(
            $"select distinct x.s from unnest(?::text[], ?::text[], ?::text[]) as x(s, a, b) where exists (select 1 from {table} d where d.keys @> array[x.a, x.b])",
            ct, pairs.Select(p => p.Survivor).ToArray(), Keys(p => p.A), Keys(p => p.B));
        return named.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The slices of the survivors of <paramref name="survivorOf"/>: their activities, each once under each survivor it names.</summary>
    static async Task<IReadOnlyList<DashboardSlice>> GroupedAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, Dictionary<string, string> survivorOf, CancellationToken ct)
    {
        var keys = survivorOf.Keys.Select(code => Dimensions.DocumentId(Dimensions.Partner, code)).ToList();
        var members = await DashboardCube.InSlicesAsync(session, filter, scope, keys, ct);
        return [.. members
            .SelectMany(m => Dimensions.PartnersOf(m.Activity).Select(survivorOf.GetValueOrDefault).OfType<string>().Distinct(StringComparer.Ordinal).Select(s => (Survivor: s, Member: m)))
            .GroupBy(m => m.Survivor, StringComparer.Ordinal)
            .Select(g => DashboardSlice.Of(Dimensions.Partner, g.Key, g.Select(m => m.Member).ToList(), indicators))];
    }

    /// <summary>The activities behind a partner's figures (<paramref name="partner"/>, a survivor): those naming it or one merged into it.</summary>
    public static async Task<IReadOnlyList<ReportedActivity>> MembersAsync(IQuerySession session, DashboardFilter filter, AccessScope scope, string partner,
        CancellationToken ct)
    {
        var codes = (await GroupsAsync(session, partner, ct)).GetValueOrDefault(partner.ToLowerInvariant()) ?? [];
        return codes.Count == 0 ? [] : await DashboardCube.InSlicesAsync(session, filter, scope, [.. codes.Select(c => Dimensions.DocumentId(Dimensions.Partner, c))], ct);
    }

    /// <summary>
    /// The directory's organisations by the one each counts under now (itself, or the survivor of its merges); every partner an
    /// activity names is one of them (<see cref="Activities.ActivityRules.Partner"/>), and none is ever removed.
    /// </summary>
    static async Task<Dictionary<string, List<string>>> GroupsAsync(IQuerySession session, string? partner, CancellationToken ct)
    {
        var organisations = (await session.Query<OrganisationDetails>().ToListAsync(ct)).ToDictionary(o => o.Code.ToLowerInvariant(), StringComparer.Ordinal);
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var code in organisations.Keys)
        {
            var survivor = (await OrganisationDirectory.ResolveAsync(c => Task.FromResult(organisations.GetValueOrDefault(c.ToLowerInvariant())), code))!.ToLowerInvariant();
            if (partner is null || survivor == partner.ToLowerInvariant())
                (groups.TryGetValue(survivor, out var group) ? group : groups[survivor] = []).Add(code);
        }
        return groups;
    }
}
