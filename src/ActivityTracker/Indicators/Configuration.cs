using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Indicators;

public static class IndicatorsConfiguration
{
    public static StoreOptions ConfigureIndicators(this StoreOptions options)
    {
        // Inline: an indicator defined a moment ago can be used in a programme target straight away.
        options.Projections.Add<IndicatorDefinitionProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<IndicatorDefinition>().UniqueIndex(i => i.Code);
        return options;
    }
}
