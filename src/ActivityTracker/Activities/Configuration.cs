using ActivityTracker.Activities.GettingDetails;
using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Activities;

public static class ActivitiesConfiguration
{
    public static StoreOptions ConfigureActivities(this StoreOptions options)
    {
        // Inline: the officer reads their own write straight away.
        options.Projections.Add<ActivityDetailsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ActivityDetails>().Index(a => a.RecordedAt);
        return options;
    }
}
