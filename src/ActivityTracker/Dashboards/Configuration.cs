using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace ActivityTracker.Dashboards;

public static class DashboardsConfiguration
{
    public static StoreOptions ConfigureDashboards(this StoreOptions options, long eventsPerPeriod = DashboardPeriods.DefaultEventsPerPeriod)
    {
        // Async (the daemon, HotCold): cross-activity figures are built off the write path.
        // A rebuild starts from no per-activity facts and no slices.
        options.Projections.Add(new DashboardProjection(eventsPerPeriod), ProjectionLifecycle.Async, DashboardProjection.Name, o =>
        {
            o.DeleteViewTypeOnTeardown<ReportedActivity>();
            o.DeleteViewTypeOnTeardown<DashboardSlice>();
            o.DeleteViewTypeOnTeardown<SliceTally>();
            o.DeleteViewTypeOnTeardown<CubeCell>();
            o.DeleteViewTypeOnTeardown<CubeRollup>();
            o.DeleteViewTypeOnTeardown<PartnerCell>();
            o.DeleteViewTypeOnTeardown<DashboardChange>();
            o.DeleteViewTypeOnTeardown<DashboardPeriods>();
            o.DeleteViewTypeOnTeardown<LateEvent>();
            o.DeleteViewTypeOnTeardown<PastSliceTally>();
            o.DeleteViewTypeOnTeardown<PastCubeCell>();
            o.DeleteViewTypeOnTeardown<PastActivity>();
            // Larger batches when catching up or rebuilding: each touched slice (a few hundred) is written once
            // per batch, so fewer batches write fewer slices; a live batch holds only what arrived meanwhile.
            o.BatchSize = 20000;
        });
        // What the projection queries, and no more: a slice's members by their Keys (a text[] column with a
        // GIN index, a handful of entries per activity; see DashboardProjection.InAnySlice) and the activities
        // reporting a revised indicator (a GIN index over the outcomes only). A GIN index over the whole
        // document made every write index every path of the activity: most of a rebuild's time.
        options.Schema.For<ReportedActivity>()
            .Duplicate(r => r.Keys, pgType: "text[]", configure: i => i.Method = IndexMethod.gin)
            .GinIndexJsonDataMember(r => r.Activity.Outcomes);
        options.Schema.For<DashboardSlice>().Index(s => s.Dimension);
        // The coordinates of the cube's cells, the rollups and the partner cells are columns under one index per type (CellColumns on each):
        // a dashboard selects its cells by them (DashboardCube, CubeRollups, PartnerSlices), reading no other document. The countries
        // taking part are GIN-indexed apart (array overlap).
        options.Schema.For<CubeCell>().Duplicate(c => c.Parts, pgType: "text[]", configure: i => i.Method = IndexMethod.gin);
        options.Schema.For<PartnerCell>().Duplicate(c => c.Parts, pgType: "text[]", configure: i => i.Method = IndexMethod.gin);
        // The tallies as they stood in past periods (time travel): cells by the same coordinates, slices by their key; the periods
        // each held for as columns, so selecting the ones that held at an instant reads no document it does not return.
        options.Schema.For<PastCubeCell>()
            .Duplicate(c => c.Programme).Duplicate(c => c.Host).Duplicate(c => c.Month).Duplicate(c => c.Kind).Duplicate(c => c.Status)
            .Duplicate(c => c.Parts, pgType: "text[]", configure: i => i.Method = IndexMethod.gin)
            .Duplicate(c => c.Until).Duplicate(c => c.From);
        options.Schema.For<PastSliceTally>().Duplicate(t => t.Key).Duplicate(t => t.Until).Duplicate(t => t.From);
        options.Schema.For<PastActivity>().Duplicate(a => a.Keys, pgType: "text[]", configure: i => i.Method = IndexMethod.gin).Duplicate(a => a.Until).Duplicate(a => a.From);
        options.Schema.For<LateEvent>().Duplicate(e => e.StreamId).Duplicate(e => e.Timestamp);
        // Nodes read the changes after the sequence they last saw; the projection deletes those past their retention.
        options.Schema.For<DashboardChange>().Duplicate(c => c.Sequence).Duplicate(c => c.At);
        return options;
    }
}
