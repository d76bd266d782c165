using ActivityTracker.Access;
using Marten;
using Marten.Linq.MatchesSql;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The stored <c>cube</c> slices (host country x programme x month, <see cref="Dimensions.Cube"/>) as a coarser cube:
/// their number follows the countries, programmes and months, never the activities, while the cells multiply with every
/// combination of countries taking part and of kinds and statuses. A cut that needs no other coordinate merges these
/// instead of the cells: a programme's page by month reads one tally per country and month, not every cell of the
/// programme. A reader whose scope names countries sees the activities hosted in them whole (these slices) and, hosted
/// elsewhere, those their countries take part in (the cells with those countries among the parts, read beside them).
/// </summary>
public static class CubeSlices
{
    static readonly string[] Coordinates = [Dimensions.Country, Dimensions.Programme, Dimensions.Month, Dimensions.Cube];

    /// <summary>
    /// Whether the cube slices answer this read: filters on programme, host country and dates only, and cuts by those
    /// coordinates only. They are by host country: a country taking part is read from the cells.
    /// </summary>
    public static bool Answer(DashboardFilter filter, IReadOnlyList<string> dimensions, SliceKey? slice) =>
        filter.Role == CountryRole.Host && filter.Kind is null && dimensions.All(Coordinates.Contains)
        && (slice is null || Coordinates.Contains(slice.Dimension));

    /// <summary>
    /// The cube slices of whole months the filter (and the slice, when given) selects, hosted within the reader's scope; with
    /// <paramref name="before"/>, as they stood when that period began.
    /// </summary>
    public static async Task<IReadOnlyList<(Func<string, string> KeyIn, SliceTally Tally)>> ReadAsync(IQuerySession session, DashboardFilter filter,
        AccessScope scope, MonthRange months, SliceKey? slice, string? before, CancellationToken ct)
    {
        // The key is host|programme|month: each coordinate is one part of the key (a current tally's id, a past one's key).
        var where = new List<string> { "{0} like 'cube:%'" };
        var values = new List<object>();
        string Coordinate(int part) => $"split_part(substr({{0}}, 6), '|', {part})";
        void Add(int part, string op, string value, bool anyCase = false)
        {
            where.Add($"{(anyCase ? $"upper({Coordinate(part)})" : Coordinate(part))} {op} ?");
            values.Add(anyCase ? value.ToUpperInvariant() : value);
        }
        void AddAny(int part, IEnumerable<string> codes)
        {
            where.Add($"upper({Coordinate(part)}) = any(?)");
            values.Add(codes.Select(c => c.ToUpperInvariant()).ToArray());
        }
        if (!scope.AllCountries)
            AddAny(1, scope.Countries);
        if (!scope.AllProgrammes)
            AddAny(2, scope.Programmes);
        if (filter.Country is { } country)
            Add(1, "=", country, anyCase: true);
        if (filter.Programme is { } programme)
            Add(2, "=", programme, anyCase: true);
        if (months.First is { } first)
            Add(3, ">=", first);
        if (months.Last is { } last)
            Add(3, "<=", last);
        if (months.First is not null || months.Last is not null)
            Add(3, "<>", Dimensions.Undated);
        if (slice is not null)
            foreach (var (part, key) in Parts(slice))
                Add(part, "=", key);

        string Where(string key, string? held = null) => string.Format(System.Globalization.CultureInfo.InvariantCulture, string.Join(" and ", held is null ? where : where.Append(held)), key);
        var (current, currentBefore, held) = (Where("d.id"), Where("d.id", PastTallies.CurrentBefore("d.data->>'Since'")), Where("d.key", PastTallies.HeldBefore));
        object[] now = [.. values], then = [.. values, before!], past = [.. values, before!, before!];
        var tallies = before is null
            ? await session.Query<SliceTally>().Where(t => t.MatchesSql(current, now)).ToListAsync(ct)
            : await DashboardCube.Held(before,
                async () => await session.Query<SliceTally>().Where(t => t.MatchesSql(currentBefore, then)).ToListAsync(ct),
                async () => (await session.Query<PastSliceTally>().Where(t => t.MatchesSql(held, past)).ToListAsync(ct)).Select(p => p.Tally),
                t => t.Id);
        return [.. tallies.Select(t => ((Func<string, string>)KeyIn(t.Id[(Dimensions.Cube.Length + 1)..]), t))];
    }

    static IEnumerable<(int Part, string Key)> Parts(SliceKey slice) => slice.Dimension switch
    {
        Dimensions.Country => [(1, slice.Key)],
        Dimensions.Programme => [(2, slice.Key)],
        Dimensions.Month => [(3, slice.Key)],
        _ => slice.Key.Split('|') is { Length: 3 } parts ? [(1, parts[0]), (2, parts[1]), (3, parts[2])] : [(1, "")],
    };

    static Func<string, string> KeyIn(string key)
    {
        var parts = key.Split('|');
        return dimension => dimension switch
        {
            Dimensions.Country => parts[0],
            Dimensions.Programme => parts[1],
            Dimensions.Month => parts[2],
            _ => key,
        };
    }
}
