using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using ActivityTracker.Organisations;
using Alba;

namespace ActivityTracker.Tests.Dashboards;

// A partner's figures for a partial scope or a filter are merged from its cells (PartnerCell), and only from a projection that
// kept them from its first event: an older store's reads take the partners' activities until it is rebuilt.
public class PartnerCellTests(AppFixture app) : DashboardTest(app)
{
    static readonly DemoUsers.Account Mexico = DemoUsers.OfficerMexico;

    [Fact]
    public async Task scoped_and_filtered_partner_reads_merge_the_partners_cells()
    {
        await As(TestUsers.Admin, () => Host.CreateAsync("/api/organisations", ReferenceScenarios.Upm()));
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256) with { Partners = [Partner("iom"), Partner("iom", OrganisationRole.Funding)] });
        await Host.RecordAsync(Held("job-fair", "GT", Day(2019, 5, 10), participants: 40) with { ParticipatingCountries = ["MX", "CR"], Partners = [Partner("iom")] });
        await Host.RecordAsync(Held("meeting", "MX", Day(2020, 3, 2), participants: 7) with { Partners = [Partner("upm-mx"), Partner("iom")] });
        await Host.RecordAsync(Held("meeting", "GT", Day(2020, 3, 3), participants: 9) with { Partners = [Partner("segob-mx")] });
        await Host.RecordAsync(Held("congress", "CR", Day(2019, 7, 1), participants: 3) with { ParticipatingCountries = ["MX"], Partners = [Partner("iom")] });
        await App.WaitForProjectionsAsync();

        // Mexico's officer: what Mexico hosted and took part in; by kind; whole years; a day range (its edge months from their activities);
        // a country taking part, as manager.
        Assert.Equal([("iom", 4, 306L), ("upm-mx", 1, 7L)], Figures(await Dashboards("partners", Mexico)));
        // Hosted in Guatemala, which Mexico took part in (not what it took part in elsewhere).
        Assert.Equal([("iom", 1, 40L)], Figures(await Dashboards("partners?country=GT", Mexico)));
        Assert.Equal([("iom", 2, 296L)], Figures(await Dashboards("partners?kind=job-fair", Mexico)));
        Assert.Equal([("iom", 1, 7L), ("upm-mx", 1, 7L)], Figures(await Dashboards("partners?from=2020-01-01&to=2020-12-31", Mexico)));
        Assert.Equal([("iom", 3, 50L), ("upm-mx", 1, 7L)], Figures(await Dashboards("partners?from=2019-05-10&to=2020-03-02", Mexico)));
        Assert.Equal([("iom", 1, 40L)], Figures(await Dashboards("partners?country=CR&role=taking-part")));

        // Merged, with no activity naming both: the survivor's figures are both codes' cells.
        await As(TestUsers.Admin, async () =>
        {
            var upm = (await Host.GetAsJson<OrganisationDetails>("/api/organisations/upm-mx"))!;
            return await Host.PostJsonAsync("/api/organisations/upm-mx/merge", new { version = upm.Version, intoCode = "segob-mx", reason = "Reorganisation" }, 200);
        });
        Assert.Equal([("iom", 1, 7L), ("segob-mx", 2, 16L)], Figures(await Dashboards("partners?from=2020-01-01")));
        // The merge's events projected before the documents are changed below: a batch still in flight would store its own copy
        // of the periods (or cells) over them.
        await App.WaitForProjectionsAsync();

        // The cells gone, a scoped read finds nothing: it read them.
        await using (var session = App.Store.LightweightSession())
        {
            session.DeleteWhere<PartnerCell>(_ => true);
            await session.SaveChangesAsync();
        }
        Assert.Empty(await Dashboards("partners?from=2018-01-01", Mexico));

        // A projection that did not keep them from its first event: the partners' activities answer the same read.
        await using (var session = App.Store.LightweightSession())
        {
            var periods = (await session.LoadAsync<DashboardPeriods>(DashboardPeriods.DocumentId))!;
            periods.PartnerCells = false;
            session.Store(periods);
            await session.SaveChangesAsync();
        }
        Assert.Equal([("iom", 4, 306L), ("segob-mx", 1, 7L)], Figures(await Dashboards("partners?from=2017-01-01", Mexico)));
    }

    static List<(string Key, int Activities, long Participants)> Figures(IEnumerable<DashboardView> views) =>
        [.. views.Select(v => (v.Key, v.AllReported.Activities, v.AllReported.Participants))];
}
