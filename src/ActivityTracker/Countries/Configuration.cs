using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Countries;

public static class CountriesConfiguration
{
    public static StoreOptions ConfigureCountries(this StoreOptions options)
    {
        // Async: cross-stream totals are built by the daemon, off the write path. A rebuild
        // starts from empty summaries and per-activity copies.
        options.Projections.Add(new CountrySummaryProjection(), ProjectionLifecycle.Async, "CountrySummary", o =>
        {
            o.DeleteViewTypeOnTeardown<CountrySummary>();
            o.DeleteViewTypeOnTeardown<CountedActivity>();
        });
        options.Schema.For<CountrySummary>();
        options.Schema.For<CountedActivity>();
        return options;
    }
}
