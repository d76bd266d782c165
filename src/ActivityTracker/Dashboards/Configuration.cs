using JasperFx.Events.Projections;
using Marten;

namespace ActivityTracker.Dashboards;

public static class DashboardsConfiguration
{
    public static StoreOptions ConfigureDashboards(this StoreOptions options)
    {
        // Async (the daemon, HotCold): cross-activity figures are built off the write path.
        // A rebuild starts from no per-activity facts and no slices.
        options.Projections.Add(new DashboardProjection(), ProjectionLifecycle.Async, DashboardProjection.Name, o =>
        {
            o.DeleteViewTypeOnTeardown<ReportedActivity>();
            o.DeleteViewTypeOnTeardown<DashboardSlice>();
            o.DeleteViewTypeOnTeardown<SliceTally>();
            // Larger batches when catching up or rebuilding: each touched slice is written once per batch.
            o.BatchSize = 5000;
        });
        options.Schema.For<ReportedActivity>().GinIndexJsonData();
        options.Schema.For<DashboardSlice>().Index(s => s.Dimension);
        return options;
    }
}
