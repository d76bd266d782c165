using ActivityTracker.Access;
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
        (await CutsAsync(session, filter, scope, indicators, [dimension], ct, key)).By[dimension];

    /// <summary>
    /// The figures of everything the filter and scope select, and its slices in each of <paramref name="dimensions"/>,
    /// from one read: a page showing totals, a trend by month and a table by country reads its cells once. Everything
    /// unfiltered, read by a user who sees everything, is the stored slices' own tallies (a few documents per dimension).
    /// </summary>
    public static async Task<CubeCuts> CutsAsync(IQuerySession session, DashboardFilter filter, AccessScope scope,
        IReadOnlyDictionary<string, IndicatorDefinition> indicators, IReadOnlyList<string> dimensions, CancellationToken ct, string? key = null)
    {
        var total = new SliceTally { Id = "all:all" };
        var by = dimensions.ToDictionary(d => d, _ => new SortedDictionary<string, SliceTally>(StringComparer.Ordinal));
        void Add(Func<string, string> keyIn, SliceTally tally)
        {
            total.Merge(tally);
            foreach (var (dimension, slices) in by)
            {
                var its = keyIn(dimension);
                if (key is null || its == key)
                    (slices.TryGetValue(its, out var t) ? t : slices[its] = new SliceTally { Id = Dimensions.DocumentId(dimension, its) }).Merge(tally);
            }
        }

        if (filter.SelectsAll && scope.AllProgrammes && scope.AllCountries)
        {
            // Each stored slice is the tally of one key of one dimension; the programmes' together are everything.
            foreach (var dimension in dimensions.Append(Dimensions.Programme).Distinct())
                foreach (var tally in await StoredAsync(session, dimension, key is not null && dimensions.Contains(dimension) ? key : null, ct))
                {
                    var its = tally.Id[(dimension.Length + 1)..];
                    if (dimensions.Contains(dimension) && (key is null || its == key))
                        by[dimension][its] = tally;
                    if (dimension == Dimensions.Programme)
                        total.Merge(tally);
                }
            return CubeCuts.Of(total, by);
        }

        var months = MonthRange.Of(filter.From, filter.To);
        var restriction = key is not null && dimensions.Count == 1 ? (dimensions[0], key) : ((string, string)?)null;
        if (months.HasWholeMonths)
            foreach (var cell in await CellsAsync(session, filter, scope, months, restriction, ct))
                Add(cell.KeyIn, cell.Tally);
        if (months.Edges.Count > 0)
            foreach (var activity in await EdgeActivitiesAsync(session, months.Edges, ct))
                if (filter.Matches(activity.Activity) && scope.Covers(activity.Activity.ProgrammeCode, activity.Activity.Location.CountryCode, activity.Activity.ParticipatingCountries))
                    Add(d => Dimensions.KeyOf(d, activity.Activity), SliceTally.Of("", [activity], indicators));
        return CubeCuts.Of(total, by);
    }

    /// <summary>The stored tallies of a dimension's slices (or of one), which the projection keeps beside each slice.</summary>
    static async Task<IReadOnlyList<SliceTally>> StoredAsync(IQuerySession session, string dimension, string? key, CancellationToken ct) => key is not null
        ? (await session.LoadAsync<SliceTally>(Dimensions.DocumentId(dimension, key), ct)) is { } one ? [one] : []
        : await session.Query<SliceTally>().Where(t => t.Id.StartsWith(dimension + ":")).ToListAsync(ct);

    /// <summary>The cells of whole months that the filter and the scope select (the read rule of <see cref="AccessScope.Covers"/>).</summary>
    static async Task<IReadOnlyList<CubeCell>> CellsAsync(IQuerySession session, DashboardFilter filter, AccessScope scope, MonthRange months,
        (string Dimension, string Key)? slice, CancellationToken ct)
    {
        var where = new List<string>();
        var values = new List<object>();
        void Add(string sql, params object[] args)
        {
            where.Add(sql);
            values.AddRange(args);
        }
        if (!scope.AllProgrammes)
            Add("upper(d.programme) = any(?)", (object)Upper(scope.Programmes));
        if (!scope.AllCountries)
            Add("(upper(d.host) = any(?) or d.parts && ?)", (object)Upper(scope.Countries), (object)Upper(scope.Countries));
        if (filter.Programme is { } programme)
            Add("upper(d.programme) = ?", programme.ToUpperInvariant());
        if (filter.Country is { } country)
            Add("upper(d.host) = ?", country.ToUpperInvariant());
        if (filter.Kind is { } kind)
            Add("lower(d.kind) = ?", kind.ToLowerInvariant());
        if (slice is var (dimension, key))
            foreach (var (column, value) in Coordinates(dimension, key))
                Add($"d.{column} = ?", value);
        if (months.First is { } first)
            Add("d.month <> ? and d.month >= ?", Dimensions.Undated, first);
        if (months.Last is { } last)
            Add("d.month <> ? and d.month <= ?", Dimensions.Undated, last);

        var cells = session.Query<CubeCell>();
        return where.Count == 0
            ? await cells.ToListAsync(ct)
            : await cells.Where(c => c.MatchesSql(string.Join(" and ", where), values.ToArray())).ToListAsync(ct);
    }

    /// <summary>The cell columns that hold a slice's key (a cube slice is three of them).</summary>
    static IEnumerable<(string Column, string Value)> Coordinates(string dimension, string key)
    {
        if (dimension != Dimensions.Cube)
            return [(dimension == Dimensions.Country ? "host" : dimension, key)];
        var parts = key.Split('|');
        return parts.Length == 3 ? [("host", parts[0]), ("programme", parts[1]), ("month", parts[2])] : [("host", "")];
    }

    static string[] Upper(IEnumerable<string> codes) => [.. codes.Select(c => c.ToUpperInvariant())];

    /// <summary>The activities reported in the given months (by their month slice, an indexed key).</summary>
    static async Task<IReadOnlyList<ReportedActivity>> EdgeActivitiesAsync(IQuerySession session, IReadOnlyList<string> months, CancellationToken ct) =>
        await DashboardProjection.InAnySlice(session, [.. months.Select(m => Dimensions.DocumentId(Dimensions.Month, m))]).ToListAsync(ct);
}

/// <summary>What <see cref="DashboardCube.CutsAsync"/> read: the figures of everything selected, and its slices by dimension and key.</summary>
public sealed record CubeCuts(DashboardSlice? Total, IReadOnlyDictionary<string, IReadOnlyList<DashboardSlice>> By)
{
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

    static DateOnly Month(DateOnly d) => new(d.Year, d.Month, 1);

    static string Key(DateOnly d) => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
