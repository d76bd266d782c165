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
    public int Activities => Slice.AllReported.ActivitiesByStatus.Values.Sum();

    /// <summary>
    /// The slice as <c>GET /api/dashboards/{dimension}/{key}?role=...</c> reads it; a country's page reads it once as host and
    /// once taking part (<paramref name="role"/>), two figures that never hold the same activity.
    /// </summary>
    public static async Task<SliceView> LoadAsync(IQuerySession session, SliceKey slice, AccessScope scope, CancellationToken ct,
        CountryRole role = CountryRole.Host)
    {
        var read = await DashboardCube.ReadAsync(session, DashboardFilter.None with { Role = role }, scope, [Dimensions.Month], ct, slice);
        // A slice with no activity for this reader lists none: no query. Asked anyway, PostgreSQL walks every activity newest
        // first looking for one (a country taking part in nothing: 230 ms at 200,000 activities).
        IReadOnlyList<ActivityDetails> recent = read.Cuts.Total is null ? []
            : (await session.Query<ActivityDetails>().InScopeOf(scope).InSlice(slice, role).PageAsync(session, null, 0, RecentShown, ct)).Items;
        return new SliceView(read, read.Total(slice.Dimension, slice.Key), read.By(Dimensions.Month), recent);
    }
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
