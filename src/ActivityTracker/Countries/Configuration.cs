using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Countries;

public static class CountriesConfiguration
{
    public static StoreOptions ConfigureCountries(this StoreOptions options)
    {
        // Async: cross-stream totals are built by the daemon, off the write path.
        options.Projections.Add<CountrySummaryProjection>(ProjectionLifecycle.Async);
        return options;
    }
}
