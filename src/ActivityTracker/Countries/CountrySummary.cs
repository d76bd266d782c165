using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace ActivityTracker.Countries;

/// <summary>
/// Running totals for one host country (id: ISO alpha-2): every activity hosted there that
/// is not cancelled, with its latest participant report. Built by the async daemon; it can
/// be dropped and rebuilt from the events at any time.
/// </summary>
public sealed class CountrySummary
{
    public string Id { get; set; } = "";
    public int Activities { get; set; }
    public long Participants { get; set; }
    public Dictionary<string, int> ActivitiesByKind { get; set; } = new();
    /// <summary>Timestamp of the last event that changed these totals (event metadata, so rebuilds agree).</summary>
    public DateTimeOffset? LastEventAt { get; set; }

    internal void Add(CountryContribution c, int sign)
    {
        Activities += sign;
        Participants += sign * c.Participants;
        ActivitiesByKind[c.Kind] = ActivitiesByKind.GetValueOrDefault(c.Kind) + sign;
        if (ActivitiesByKind[c.Kind] == 0)
            ActivitiesByKind.Remove(c.Kind);
    }
}

/// <summary>What one activity adds to its host country's summary; none when it is regional or cancelled.</summary>
public sealed record CountryContribution(string Country, string Kind, long Participants)
{
    public static CountryContribution? Of(ActivityDetails? activity) =>
        activity is { IsCancelled: false, Location.CountryCode: { } country }
            ? new CountryContribution(country, activity.Kind, activity.Participants?.Total ?? 0)
            : null;
}

/// <summary>The projection's own copy of an activity's state as of the last event it folded.</summary>
public sealed record CountedActivity(Guid Id, ActivityDetails Activity);

/// <summary>
/// An activity can move country (a corrected location), be cancelled or re-report its
/// participants, so a country's totals depend on each activity's whole state, not on one
/// event. The projection keeps each activity's state (folded with the same
/// <see cref="ActivityDetails.Fold"/> as the officer's view) and moves its contribution
/// from the old country to the new one. Only events decide the result, so a rebuild
/// produces the same documents.
/// </summary>
public sealed class CountrySummaryProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var streams = events.Where(e => e.Data is IActivityEvent).GroupBy(e => e.StreamId).ToList();
        if (streams.Count == 0)
            return;

        var counted = (await operations.LoadManyAsync<CountedActivity>(ct, streams.Select(s => s.Key))).ToDictionary(c => c.Id);
        var summaries = new Dictionary<string, CountrySummary>();
        async Task<CountrySummary> SummaryOf(string country)
        {
            if (!summaries.TryGetValue(country, out var summary))
                summaries[country] = summary = await operations.LoadAsync<CountrySummary>(country, ct) ?? new CountrySummary { Id = country };
            return summary;
        }

        foreach (var stream in streams)
        {
            var before = counted.GetValueOrDefault(stream.Key)?.Activity;
            var after = stream.OrderBy(e => e.Version).Aggregate(before, ActivityDetails.Fold);
            if (after is null)
                continue;
            operations.Store(new CountedActivity(stream.Key, after));

            var (was, now) = (CountryContribution.Of(before), CountryContribution.Of(after));
            if (was == now)
                continue;
            if (was is not null)
                (await SummaryOf(was.Country)).Add(was, -1);
            if (now is not null)
                (await SummaryOf(now.Country)).Add(now, +1);
            foreach (var country in new[] { was?.Country, now?.Country }.OfType<string>())
                summaries[country].LastEventAt = stream.Max(e => e.Timestamp);
        }

        foreach (var summary in summaries.Values)
            operations.Store(summary);
    }
}
