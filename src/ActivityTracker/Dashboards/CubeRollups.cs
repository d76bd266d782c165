using ActivityTracker.Access;
using Marten;
using Marten.Linq.MatchesSql;

namespace ActivityTracker.Dashboards;

/// <summary>
/// How a read of now takes whole years and the whole history from the rollups (<see cref="CubeRollup"/>) instead of the
/// months' cube slices and cells, and a programme's months from its own. The activities a read selects are those hosted
/// within the reader's countries (the rollups by programme when the read needs no host, else by host and programme; with the
/// kind and status when it needs them) and, for a reader whose scope names countries, those hosted elsewhere that one of them
/// takes part in. With one such country they are its rollups of a country taking part, each activity once; with several, an
/// activity two of them take part in is in the rollups of both, so that part is read from the cells
/// (<see cref="Plan.OutsideFromCells"/>). A country's page by the activities it takes part in reads that country's rollups the same way.
/// </summary>
public static class CubeRollups
{
    /// <summary>
    /// What the rollups answer of a read: whether it takes what is hosted, and by host; the country whose rollups of taking part
    /// it takes (null: none; for a role other than host, also the host of what is hosted); whether it needs the kind and status;
    /// and whether the activities hosted outside the reader's countries that they take part in come from the cells instead.
    /// </summary>
    public sealed record Plan(bool Hosted, bool ByHost, string? Part, bool ByKind, bool OutsideFromCells)
    {
        public string HostedShape => (ByHost, ByKind) switch
        {
            (true, true) => CubeRollup.Shapes.HostProgrammeKind,
            (true, false) => CubeRollup.Shapes.HostProgramme,
            (false, true) => CubeRollup.Shapes.ProgrammeKind,
            _ => CubeRollup.Shapes.Programme,
        };

        public string PartShape => ByKind ? CubeRollup.Shapes.TakingPart : CubeRollup.Shapes.TakingPartByHost;
    }

    static readonly string[] Monthly = [Dimensions.Month, Dimensions.Cube];
    static readonly string[] KindAndStatus = [Dimensions.Kind, Dimensions.Status];

    /// <summary>
    /// The plan for a read whose slices need no month (<paramref name="dimensions"/> and <paramref name="slice"/>), or null when
    /// the rollups cannot answer it without counting an activity twice (then the cells do, as for months).
    /// </summary>
    public static Plan? PlanFor(DashboardFilter filter, AccessScope scope, IReadOnlyList<string> dimensions, SliceKey? slice)
    {
        if (dimensions.Any(Monthly.Contains) || slice is not null && (Monthly.Contains(slice.Dimension) || !Dimensions.All.Contains(slice.Dimension)))
            return null;
        var byKind = filter.Kind is not null || dimensions.Any(KindAndStatus.Contains) || slice is not null && KindAndStatus.Contains(slice.Dimension);
        var sliceCountry = slice?.Dimension == Dimensions.Country ? slice.Key : null;
        if (filter.Role == CountryRole.Host)
        {
            // Hosted within the scope's countries from the rollups; hosted outside, taken part in by one of them, from that one's rollups.
            var single = scope.AllCountries ? null : scope.Countries.Count == 1 ? scope.Countries.First().ToUpperInvariant() : null;
            var byHost = !scope.AllCountries || filter.Country is not null || sliceCountry is not null || dimensions.Contains(Dimensions.Country);
            return new Plan(Hosted: true, byHost, single, byKind, OutsideFromCells: !scope.AllCountries && single is null);
        }
        // A country taking part (or either role): that country's rollups, when it is one country and no other country's slice is cut.
        if (filter.Country is { } filtered && sliceCountry is not null && !string.Equals(filtered, sliceCountry, StringComparison.OrdinalIgnoreCase))
            return null;
        var country = (filter.Country ?? sliceCountry)?.ToUpperInvariant();
        if (country is null || dimensions.Contains(Dimensions.Country) && sliceCountry is null
            || !scope.AllCountries && !scope.Countries.Contains(country, StringComparer.OrdinalIgnoreCase))
            return null;
        return new Plan(Hosted: filter.Role == CountryRole.Any, ByHost: true, country, byKind, OutsideFromCells: false);
    }

    /// <summary>
    /// What the rollups by month answer of a read cut by month, by programme and by no other coordinate: the whole read, by host for a
    /// reader of every country and no country (<see cref="MonthPlan.WholeRegion"/>, the programme's months); or, of one country
    /// (<see cref="MonthPlan.Part"/>), what it takes part in: the whole read by that role, or, by host for a reader of that one country,
    /// what is hosted elsewhere beside the cube slices of what it hosts. Null: the cube slices and cells answer.
    /// </summary>
    public static MonthPlan? MonthPlanFor(DashboardFilter filter, AccessScope scope, IReadOnlyList<string> dimensions, SliceKey? slice)
    {
        string[] coordinates = [Dimensions.Programme, Dimensions.Month];
        var sliceCountry = slice?.Dimension == Dimensions.Country ? slice.Key : null;
        if (filter.Kind is not null || slice is not null && sliceCountry is null && !coordinates.Contains(slice.Dimension))
            return null;
        if (filter.Role == CountryRole.Host)
        {
            if (filter.Country is not null || sliceCountry is not null || !dimensions.All(coordinates.Contains))
                return null;
            return scope.AllCountries ? new MonthPlan(WholeRegion: true, null)
                : scope.Countries.Count == 1 ? new MonthPlan(WholeRegion: false, scope.Countries.First().ToUpperInvariant()) : null;
        }
        if (filter.Role != CountryRole.TakingPart
            || filter.Country is { } filtered && sliceCountry is not null && !string.Equals(filtered, sliceCountry, StringComparison.OrdinalIgnoreCase))
            return null;
        var country = (filter.Country ?? sliceCountry)?.ToUpperInvariant();
        if (country is null || !dimensions.All(d => coordinates.Contains(d) || d == Dimensions.Country && sliceCountry is not null)
            || !scope.AllCountries && !scope.Countries.Contains(country, StringComparer.OrdinalIgnoreCase))
            return null;
        return new MonthPlan(WholeRegion: false, country);
    }

    /// <summary>What <see cref="MonthPlanFor"/> found the rollups by month answer.</summary>
    public sealed record MonthPlan(bool WholeRegion, string? Part);

    /// <summary>
    /// The rollups by month of <paramref name="months"/> the plan takes, as cells: the programmes' months over the whole region, or
    /// the months of what the plan's country takes part in.
    /// </summary>
    public static Task<IReadOnlyList<CubeCell>> MonthsAsync(IQuerySession session, MonthPlan plan, CubeTime months, DashboardFilter filter, AccessScope scope,
        SliceKey? slice, CancellationToken ct) =>
        plan.WholeRegion
            ? SelectAsync(session, CubeRollup.Shapes.ProgrammeMonth, part: null, host: null, months, filter, scope, slice, ct)
            : SelectAsync(session, CubeRollup.Shapes.TakingPartMonth, plan.Part, host: null, months, filter, scope, slice, ct);

    /// <summary>
    /// The rollups of <paramref name="time"/> (whole years, or the whole history) the plan takes, as cells, selected by the filter (its
    /// country by the plan), the scope and the slice.
    /// </summary>
    public static async Task<IReadOnlyList<CubeCell>> ReadAsync(IQuerySession session, Plan plan, CubeTime time, DashboardFilter filter, AccessScope scope,
        SliceKey? slice, CancellationToken ct)
    {
        // By host, a country is the filter's; by another role, the plan's country hosts (or takes part in) what is read.
        var byHost = filter.Role == CountryRole.Host;
        var rows = new List<CubeCell>();
        if (plan.Hosted)
            rows.AddRange(await SelectAsync(session, plan.HostedShape, part: null, byHost ? filter.Country : plan.Part, time, filter, scope, slice, ct));
        if (plan.Part is { } part)
            rows.AddRange(await SelectAsync(session, plan.PartShape, part, byHost ? filter.Country : null, time, filter, scope, slice, ct));
        return rows;
    }

    static async Task<IReadOnlyList<CubeCell>> SelectAsync(IQuerySession session, string shape, string? part, string? host, CubeTime time,
        DashboardFilter filter, AccessScope scope, SliceKey? slice, CancellationToken ct)
    {
        var where = new List<string> { "d.shape = ?" };
        var values = new List<object> { shape };
        void Add(string sql, object value)
        {
            where.Add(sql);
            values.Add(value);
        }
        // The whole history, or years (months) in a range; months with no range are every month and the undated.
        if (time.Grain == CubeTime.All)
            where.Add("d.time = ''");
        else if (time.Grain == CubeTime.Years || time.First is not null || time.Last is not null)
            where.Add($"d.time <> '' and d.time <> '{Dimensions.Undated}'");
        if (time.Grain != CubeTime.All && time.First is { } first)
            Add("d.time >= ?", first);
        if (time.Grain != CubeTime.All && time.Last is { } last)
            Add("d.time <= ?", last);
        if (part is not null)
            Add("d.part = ?", part);
        else if (!scope.AllCountries)
            Add("upper(d.host) = any(?)", scope.Countries.Select(c => c.ToUpperInvariant()).ToArray());
        if (!scope.AllProgrammes)
            Add("upper(d.programme) = any(?)", scope.Programmes.Select(c => c.ToUpperInvariant()).ToArray());
        if (host is { } country)
            Add("upper(d.host) = ?", country.ToUpperInvariant());
        if (filter.Programme is { } programme)
            Add("upper(d.programme) = ?", programme.ToUpperInvariant());
        if (filter.Kind is { } kind)
            Add("lower(d.kind) = ?", kind.ToLowerInvariant());
        if (slice is not null && (slice.Dimension != Dimensions.Country || filter.Role == CountryRole.Host))
            Add($"d.{slice.Dimension switch { Dimensions.Country => "host", Dimensions.Month => "time", _ => slice.Dimension }} = ?", slice.Key);
        var rollups = await session.Query<CubeRollup>().Where(r => r.MatchesSql(string.Join(" and ", where), values.ToArray())).ToListAsync(ct);
        return [.. rollups.Select(r => r.AsCell())];
    }
}

/// <summary>
/// A part of a read's whole months (<see cref="MonthRange.Pieces"/>): <see cref="Months"/> from <see cref="First"/> to
/// <see cref="Last"/> (the cube slices and cells; both null: every month and the undated), whole <see cref="Years"/>
/// (<c>yyyy</c>, null: open), or <see cref="All"/> of history (the rollups).
/// </summary>
public sealed record CubeTime(string Grain, string? First, string? Last)
{
    public const string Months = "months";
    public const string Years = "years";
    public const string All = "all";

    /// <summary>The same time as whole months, for the cells to answer what the rollups cannot.</summary>
    public MonthRange AsMonths() => Grain switch
    {
        Months => new MonthRange(First, Last, true, []),
        Years => new MonthRange(First is null ? null : First + "-01", Last is null ? null : Last + "-12", true, []),
        _ => MonthRange.Of(null, null),
    };
}
