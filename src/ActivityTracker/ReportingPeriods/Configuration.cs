using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.ReportingPeriods;

public static class ReportingPeriodsConfiguration
{
    public static StoreOptions ConfigureReportingPeriods(this StoreOptions options)
    {
        // Inline: a period closed a moment ago reads as closed, and a second close is refused at once.
        options.Projections.Add<ReportingPeriodDetailsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ReportingPeriodDetails>().UniqueIndex(p => p.Period);
        return options;
    }
}
