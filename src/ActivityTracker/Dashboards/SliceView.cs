using ActivityTracker.Access;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Listing;
using Marten;

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
        var recent = await session.Query<ActivityDetails>().InScopeOf(scope).InSlice(slice, role).PageAsync(session, null, 0, RecentShown, ct);
        return new SliceView(read, read.Total(slice.Dimension, slice.Key), read.By(Dimensions.Month), recent.Items);
    }
}
