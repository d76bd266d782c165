using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Listing;
using Marten;
using Marten.Linq.MatchesSql;

namespace ActivityTracker.Dashboards;

/// <summary>
/// A country's or programme's dashboard page: the slice's figures and its months from the cube (one
/// <see cref="DashboardCube.ReadAsync"/>, the read of <c>GET /api/dashboards/{dimension}/{key}</c>), and the
/// activities recorded last in it, off the activity list's index: the page's cost follows its cells and a
/// page of rows, never the number of activities in the slice.
/// </summary>
public sealed record SliceView(DashboardRead Read, DashboardSlice Slice, IReadOnlyList<DashboardSlice> Months, IReadOnlyList<ActivityDetails> Recent)
{
    /// <summary>How many of the slice's latest recorded activities a page lists; the export has them all.</summary>
    public const int RecentShown = 20;

    /// <summary>Every activity of the slice the reader sees, cancelled ones included (they count only by status).</summary>
    public int Activities => Slice.AllReported.Activities + Slice.AllReported.Cancelled;

    /// <summary>
    /// The slice as <c>GET /api/dashboards/{dimension}/{key}?role=...</c> reads it; a country's page reads it once as host and
    /// once taking part (<paramref name="role"/>), two figures that never hold the same activity.
    /// </summary>
    public static async Task<SliceView> LoadAsync(IQuerySession session, SliceKey slice, AccessScope scope, CancellationToken ct,
        CountryRole role = CountryRole.Host)
    {
        var read = await DashboardCube.ReadAsync(session, DashboardFilter.None with { Role = role }, scope, [Dimensions.Month], ct, slice);
        return new SliceView(read, read.Total(slice.Dimension, slice.Key), read.By(Dimensions.Month), await RecentAsync(session, read, slice, scope, role, ct));
    }

    /// <summary>At most this many changed months are read one by one; a change to more (a bulk load) reads the view whole, in one read.</summary>
    public const int MonthsReadAlone = 6;

    /// <summary>
    /// The view once the cells of <paramref name="months"/> changed: the slice's figures read again without a cut (its stored
    /// tally, or its rollups), each of those months read alone (its cells, not the slice's every month), the other months as they
    /// were, the latest activities again. A page's refresh then costs what changed, not the slice's history. Undated cells, more
    /// than <see cref="MonthsReadAlone"/> months, or months not known (null), read the whole view again.
    /// </summary>
    public async Task<SliceView> RefreshedAsync(IQuerySession session, SliceKey slice, AccessScope scope, IReadOnlySet<string>? months,
        CancellationToken ct, CountryRole role = CountryRole.Host)
    {
        if (months is null || months.Count > MonthsReadAlone || months.Contains(Dimensions.Undated))
            return await LoadAsync(session, slice, scope, ct, role);
        var read = await DashboardCube.ReadAsync(session, DashboardFilter.None with { Role = role }, scope, [], ct, slice);
        var byMonth = new SortedDictionary<string, DashboardSlice>(Months.ToDictionary(m => m.Key, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var month in months)
        {
            var first = DateOnly.ParseExact(month, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            // By the rules the total was just read with (one reading of the indicators).
            var alone = await DashboardCube.CutsAsync(session, DashboardFilter.None with { Role = role, From = first, To = first.AddMonths(1).AddDays(-1) },
                scope, read.Indicators, [Dimensions.Month], ct, slice);
            if (alone.By[Dimensions.Month].FirstOrDefault(m => m.Key == month) is { } figures)
                byMonth[month] = figures;
            else
                byMonth.Remove(month);
        }
        return new SliceView(read, read.Total(slice.Dimension, slice.Key), [.. byMonth.Values], await RecentAsync(session, read, slice, scope, role, ct));
    }

    // Off the activity list's index, in its order; one page with no position after it (the export has them all), and of each
    // activity what the page's rows show (and its status is made of), built in the database: not the whole case file with its
    // outcomes, partners, sources and notes, read again by every live refresh. A slice with no activity for this reader lists none:
    // no query. Asked anyway, PostgreSQL walks every activity newest first looking for one (a country taking part in nothing:
    // 230 ms at 200,000 activities).
    static async Task<IReadOnlyList<ActivityDetails>> RecentAsync(IQuerySession session, DashboardRead read, SliceKey slice, AccessScope scope,
        CountryRole role, CancellationToken ct) => read.Cuts.Total is null ? []
            : await session.Query<ActivityDetails>().InScopeOf(scope).InSlice(slice, role).NewestFirst().Take(RecentShown)
                .Select(a => new ActivityDetails
                {
                    Id = a.Id, Title = a.Title, Kind = a.Kind, Location = a.Location, Participants = a.Participants,
                    PlannedStart = a.PlannedStart, PlannedEnd = a.PlannedEnd, ActualStart = a.ActualStart, ActualEnd = a.ActualEnd,
                    Review = a.Review, IsCancelled = a.IsCancelled,
                })
                .ToListAsync(ct);
}

/// <summary>The activities of a slice, for its page's list of the latest recorded.</summary>
public static class SliceActivities
{
    /// <summary>
    /// The activities of a country's slice or a programme's, on their indexed columns: a country as <paramref name="role"/>
    /// says, the host (<c>regional</c>: those with none), taking part in an activity hosted elsewhere
    /// (<see cref="CountryRoles.Holds"/>), or either.
    /// </summary>
    public static IQueryable<ActivityDetails> InSlice(this IQueryable<ActivityDetails> activities, SliceKey slice,
        CountryRole role = CountryRole.Host) => slice switch
        {
            { Dimension: Dimensions.Country, Key: Dimensions.Regional } when role == CountryRole.TakingPart =>
                activities.Where(a => a.MatchesSql("false")),
            { Dimension: Dimensions.Country, Key: Dimensions.Regional } => activities.Where(a => a.Location.CountryCode == null),
            { Dimension: Dimensions.Country } when role == CountryRole.TakingPart => activities.Where(a =>
                a.MatchesSql("(d.participating_countries && ? and d.location_country_code is distinct from ?)", new[] { slice.Key }, slice.Key)),
            { Dimension: Dimensions.Country } when role == CountryRole.Any => activities.Where(a =>
                a.MatchesSql("(d.location_country_code = ? or d.participating_countries && ?)", slice.Key, new[] { slice.Key })),
            { Dimension: Dimensions.Country } => activities.Where(a => a.Location.CountryCode == slice.Key),
            { Dimension: Dimensions.Programme } => activities.Where(a => a.ProgrammeCode == slice.Key),
            _ => throw new ArgumentOutOfRangeException(nameof(slice), slice, "Activities are listed by host country or programme only."),
        };
}
