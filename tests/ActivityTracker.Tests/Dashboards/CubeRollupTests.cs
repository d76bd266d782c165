using ActivityTracker.Access;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Tests.Dashboards;

// Whole years and the whole history are read from the rollups (CubeRollup), and only from a projection that kept them
// from its first event: an older store's reads take every month from the cells until it is rebuilt.
public class CubeRollupTests(AppFixture app) : DashboardTest(app)
{
    static readonly DemoUsers.Account Mexico = DemoUsers.OfficerMexico;

    [Fact]
    public async Task reads_of_whole_years_take_the_rollups_only_when_they_hold_every_activity()
    {
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256));
        await Host.RecordAsync(Held("job-fair", "GT", Day(2019, 5, 10), participants: 40) with { ParticipatingCountries = ["MX", "CR"] });
        await Host.RecordAsync(Held("meeting", "MX", Day(2020, 3, 2), participants: 7));
        await Host.RecordAsync(Held("meeting", "GT", Day(2020, 3, 3), participants: 9));
        await App.WaitForProjectionsAsync();

        // Mexico's officer sees what Mexico hosted and what it took part in elsewhere; by kind, each activity once.
        Assert.Equal((2, 296L), Figures(await Dashboard("programmes/MESO-CARIB?from=2019-01-01&to=2019-12-31", Mexico)));
        Assert.Equal([("job-fair", 2), ("meeting", 1)], (await Dashboards("kinds", Mexico)).Select(k => (k.Key, k.AllReported.Activities)));
        Assert.Equal((1, 40L), Figures(await Dashboard("countries/CR?role=taking-part&from=2019-01-01&to=2020-12-31")));
        // By month: what Mexico hosts (cube slices) and what it took part in elsewhere (its rollups by month), and its trend of taking part.
        Assert.Equal([("2019-02", 1), ("2019-05", 1), ("2020-03", 1)], (await Dashboards("months", Mexico)).Select(m => (m.Key, m.AllReported.Activities)));
        Assert.Equal([("2019-05", 40L)], (await Dashboards("months?country=mx&role=taking-part")).Select(m => (m.Key, m.AllReported.Participants)));

        // The rollups gone, a read of whole years finds nothing: it read them.
        await using (var session = App.Store.LightweightSession())
        {
            session.DeleteWhere<CubeRollup>(_ => true);
            await session.SaveChangesAsync();
        }
        Assert.Equal((0, 0L), Figures(await Dashboard("programmes/MESO-CARIB?from=2018-01-01&to=2020-12-31", Mexico)));

        // A projection that did not keep them from its first event: the months' cells answer the same read.
        await using (var session = App.Store.LightweightSession())
        {
            var periods = (await session.LoadAsync<DashboardPeriods>(DashboardPeriods.DocumentId))!;
            periods.Rollups = false;
            session.Store(periods);
            await session.SaveChangesAsync();
        }
        Assert.Equal((3, 303L), Figures(await Dashboard("programmes/MESO-CARIB?from=2017-01-01&to=2020-12-31", Mexico)));
        Assert.Equal((4, 312L), Figures(await Dashboard("programmes/MESO-CARIB?from=2017-01-01&to=2021-12-31")));
    }

    static (int Activities, long Participants) Figures(DashboardView view) => (view.AllReported.Activities, view.AllReported.Participants);
}
