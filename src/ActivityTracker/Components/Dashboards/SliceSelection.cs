using ActivityTracker.Access;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;
using Marten;

namespace ActivityTracker.Components.Dashboards;

/// <summary>
/// A country's or programme's dashboard as a page shows it: the activities of the slice that the
/// user's scope covers, and their figures by <see cref="DashboardSlice.Of"/> (so
/// <see cref="Figures.Of"/>), the same selection as <c>GET /api/dashboards/{dimension}/{key}</c>.
/// </summary>
public sealed record SliceSelection(
    DashboardSlice Slice,
    IReadOnlyList<ReportedActivity> Members,
    IReadOnlyDictionary<string, IndicatorDefinition> Indicators,
    bool ScopeFiltered)
{
    public static async Task<SliceSelection> LoadAsync(IQuerySession session, string dimension, string key, AccessScope scope)
    {
        var indicators = await DashboardProjection.IndicatorsAsync(session, default);
        var selected = await DashboardSource.SelectAsync(session, DashboardFilter.None, scope, default);
        var members = selected.Where(m => Dimensions.KeyOf(dimension, m.Activity).Equals(key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(m => m.Activity.ActualStart ?? m.Activity.PlannedStart)
            .ThenBy(m => m.Activity.Title, StringComparer.CurrentCulture)
            .ToList();
        return new SliceSelection(DashboardSlice.Of(dimension, key, members, indicators), members, indicators, !(scope.AllProgrammes && scope.AllCountries));
    }
}
