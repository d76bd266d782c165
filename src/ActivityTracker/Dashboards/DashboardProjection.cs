using ActivityTracker.Activities;
using ActivityTracker.Indicators;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace ActivityTracker.Dashboards;

/// <summary>
/// The figures of one dashboard slice (id <c>dimension:key</c>, e.g. <c>country:MX</c>): for
/// every activity reported, and for the approved ones only.
/// </summary>
public sealed record DashboardSlice(string Id, string Dimension, string Key, Figures AllReported, Figures Approved, long LastSequence, DateTimeOffset? LastEventAt)
{
    public static DashboardSlice Of(string dimension, string key, IReadOnlyCollection<ReportedActivity> members, IReadOnlyDictionary<string, IndicatorDefinition> indicators) => new(
        Dimensions.DocumentId(dimension, key), dimension, key,
        Figures.Of(members, indicators),
        Figures.Of(members.Where(m => m.Activity.Review == ReviewState.Approved), indicators),
        members.Count == 0 ? 0 : members.Max(m => m.LastSequence),
        members.Count == 0 ? null : members.Max(m => m.LastEventAt));
}

/// <summary>
/// The async projection behind the dashboards. It keeps each activity's <see cref="ReportedActivity"/>
/// and, for every slice an event batch touches (before and after the change, so an activity
/// that moves country leaves the old one), recomputes the slice from its members with
/// <see cref="Figures.Of"/>. Recomputing instead of adding deltas keeps one implementation of
/// the totals (maximum-per-location and latest-value rules cannot be undone by a delta) and
/// makes a rebuild produce exactly the same documents.
/// </summary>
public sealed class DashboardProjection : IProjection
{
    public const string Name = "Dashboards";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var streams = events.Where(e => e.Data is IActivityEvent).GroupBy(e => e.StreamId).ToList();
        if (streams.Count == 0)
            return;

        var before = (await operations.LoadManyAsync<ReportedActivity>(ct, streams.Select(s => s.Key))).ToDictionary(r => r.Id);
        var updated = new Dictionary<Guid, ReportedActivity>();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            var was = before.GetValueOrDefault(stream.Key);
            if (stream.OrderBy(e => e.Version).Aggregate(was, ReportedActivity.Fold) is not { } now)
                continue;
            updated[now.Id] = now;
            operations.Store(now);
            touched.UnionWith(was?.Keys ?? []);
            touched.UnionWith(now.Keys);
        }

        var indicators = await IndicatorsAsync(operations, ct);
        foreach (var slice in touched)
        {
            var stored = await operations.Query<ReportedActivity>().Where(r => r.Keys.Contains(slice)).ToListAsync(ct);
            var members = stored.Where(r => !updated.ContainsKey(r.Id)).Concat(updated.Values.Where(r => r.Keys.Contains(slice))).ToList();
            var (dimension, key) = Split(slice);
            if (members.Count == 0)
                operations.Delete<DashboardSlice>(slice);
            else
                operations.Store(DashboardSlice.Of(dimension, key, members, indicators));
        }
    }

    public static async Task<IReadOnlyDictionary<string, IndicatorDefinition>> IndicatorsAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<IndicatorDefinition>().ToListAsync(ct)).ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);

    static (string Dimension, string Key) Split(string slice)
    {
        var colon = slice.IndexOf(':');
        return (slice[..colon], slice[(colon + 1)..]);
    }
}
