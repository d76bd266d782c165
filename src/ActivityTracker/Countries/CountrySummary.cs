using ActivityTracker.Activities;
using JasperFx.Events;
using Marten.Events.Projections;

namespace ActivityTracker.Countries;

/// <summary>
/// Running totals for one host country (id: ISO alpha-2). Built by the async daemon from
/// every activity stream; it can be dropped and rebuilt from the events at any time.
/// </summary>
public sealed class CountrySummary
{
    public string Id { get; set; } = "";
    public int Activities { get; set; }
    public long Participants { get; set; }
    public Dictionary<string, int> ActivitiesByKind { get; set; } = new();
    /// <summary>Timestamp of the last event folded in (event metadata, not the clock, so rebuilds agree).</summary>
    public DateTimeOffset? LastEventAt { get; set; }
}

public sealed class CountrySummaryProjection : MultiStreamProjection<CountrySummary, string>
{
    public CountrySummaryProjection()
    {
        // Regional activities have no host country and count in no country's summary.
        Identities<ActivityRecorded>(e => e.CountryCode is { } code ? [code] : []);
    }

    public void Apply(CountrySummary summary, IEvent<ActivityRecorded> e)
    {
        summary.Activities++;
        summary.Participants += e.Data.ParticipantTotal ?? 0;
        summary.ActivitiesByKind[e.Data.Kind] = summary.ActivitiesByKind.GetValueOrDefault(e.Data.Kind) + 1;
        summary.LastEventAt = e.Timestamp;
    }
}
