using ActivityTracker.Access;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The cells of the cube that changed since pages last read (<see cref="DashboardChange"/>), or
/// <see cref="Everything"/> when that is not known. A page asks <see cref="Concerns"/> with what it shows.
/// </summary>
public sealed class DashboardTouch
{
    readonly IReadOnlyList<CubeCell>? _cells;

    DashboardTouch(IReadOnlyList<CubeCell>? cells) => _cells = cells;

    public static DashboardTouch Everything { get; } = new(null);

    public static DashboardTouch Of(IEnumerable<string> cellIds) =>
        new([.. cellIds.Distinct(StringComparer.Ordinal).Select(id => CubeCell.Of(new SliceTally { Id = id }))]);

    public bool IsEmpty => _cells is { Count: 0 };

    /// <summary>Whether a page showing <paramref name="interest"/> to a reader with <paramref name="scope"/> may show something else now.</summary>
    public bool Concerns(DashboardInterest interest, AccessScope scope) =>
        interest.Filter.AsOf is null && (_cells is null || _cells.Any(cell => interest.Covers(cell, scope)));

    /// <summary>
    /// The months (<c>yyyy-MM</c>, or <see cref="Dimensions.Undated"/>) of the changed cells that <paramref name="interest"/> covers, for a
    /// page that reads again only the months that moved; null when what changed is not known.
    /// </summary>
    public IReadOnlySet<string>? MonthsIn(DashboardInterest interest, AccessScope scope) => _cells is null
        ? null
        : _cells.Where(cell => interest.Covers(cell, scope)).Select(cell => cell.Month).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// What a dashboard page (or a kept read, <see cref="DashboardReadCache"/>) shows: the activities a filter selects,
/// within a slice when it is a country's or programme's page (a country's slice in the filter's role: what it hosted, what it
/// took part in, or either). <see cref="Covers"/> errs on the side of yes (a country as a filter also follows the
/// activities it takes part in, whatever the role; a date range,
/// the whole months it starts and ends in): a page told once too often reads again, one never told would show old figures.
/// </summary>
public sealed record DashboardInterest(DashboardFilter Filter, SliceKey? Slice = null)
{
    public static DashboardInterest All { get; } = new(DashboardFilter.None);

    public bool Covers(CubeCell cell, AccessScope scope)
    {
        bool Is(string? wanted, string value) => wanted is null || string.Equals(wanted, value, StringComparison.OrdinalIgnoreCase);
        bool HostOrPart(string? country) => Is(country, cell.Host) || cell.Parts.Contains(country!, StringComparer.OrdinalIgnoreCase);
        string? Month(DateOnly? day) => day?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var dated = cell.Month != Dimensions.Undated;
        return scope.Covers(cell.Programme, cell.Host == Dimensions.Regional ? null : cell.Host, cell.Parts)
            && Is(Filter.Programme, cell.Programme) && HostOrPart(Filter.Country) && Is(Filter.Kind, cell.Kind)
            && (Filter.From is null || dated && string.CompareOrdinal(cell.Month, Month(Filter.From)) >= 0)
            && (Filter.To is null || dated && string.CompareOrdinal(cell.Month, Month(Filter.To)) <= 0)
            && (Slice is null || cell.KeysIn(Slice.Dimension, Filter.Role).Contains(Slice.Key, StringComparer.OrdinalIgnoreCase));
    }
}
