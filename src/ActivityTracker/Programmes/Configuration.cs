using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Programmes;

public static class ProgrammesConfiguration
{
    public static StoreOptions ConfigureProgrammes(this StoreOptions options)
    {
        // Inline: a programme registered a moment ago can be reported under straight away.
        options.Projections.Add<ProgrammeDetailsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ProgrammeDetails>().UniqueIndex(p => p.Code);
        return options;
    }
}
