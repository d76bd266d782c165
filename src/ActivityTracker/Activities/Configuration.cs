using ActivityTracker.Activities.GettingDetails;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace ActivityTracker.Activities;

public static class ActivitiesConfiguration
{
    public static StoreOptions ConfigureActivities(this StoreOptions options)
    {
        // Inline: the officer reads their own write straight away.
        options.Projections.Add<ActivityDetailsProjection>(ProjectionLifecycle.Inline);
        // What the activity list (Listing/ActivityListing.cs) filters and orders by, as columns of their own with the
        // indexes that serve it, so a page costs the same at 100 activities and at 300,000:
        // - newest first, the id breaking ties: the duplicate's own index on recorded_at, walked from the position (or
        //   the top) for 21 rows; PostgreSQL sorts only the ties of one microsecond by id (an incremental sort). An
        //   index on (recorded_at, id) measured no faster at 100k activities and the planner did not pick it;
        // - "only mine": the same order within one officer's records (the duplicate's index on recorded_by alone
        //   would fetch and sort all of them);
        // - the read scope: programme in scope AND (host country in scope OR a participating country in scope).
        options.Schema.For<ActivityDetails>()
            .Duplicate(a => a.RecordedAt)
            .Duplicate(a => a.RecordedBy!)
            .Index([a => a.RecordedBy!, a => a.RecordedAt, a => a.Id])
            .Duplicate(a => a.ProgrammeCode)
            .Duplicate(a => a.Location.CountryCode!)
            .Duplicate(a => a.ParticipatingCountries, pgType: "text[]", configure: i => i.Method = IndexMethod.gin)
            // Likely duplicates of a new activity (Duplicates/LikelyDuplicates): those of its host and kind, newest first, walked
            // in this index until enough overlap its days; not every activity of the country.
            .Index([a => a.Location.CountryCode!, a => a.Kind, a => a.RecordedAt]);
        return options;
    }
}
