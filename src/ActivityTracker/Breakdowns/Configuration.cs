using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Breakdowns;

public static class BreakdownsConfiguration
{
    public static StoreOptions ConfigureBreakdowns(this StoreOptions options)
    {
        // Inline: a dimension defined a moment ago can be used in the next report.
        options.Projections.Add<BreakdownDimensionProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<BreakdownDimension>().UniqueIndex(d => d.Code);
        return options;
    }
}
