using ActivityTracker.Activities;
using ActivityTracker.Organisations;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Dashboards;

public class PartnerDashboardTests(AppFixture app) : DashboardTest(app)
{
    [Fact]
    public async Task each_partner_counts_the_activities_it_took_part_in_and_after_a_merge_the_survivor_counts_all_of_them()
    {
        await As(TestUsers.Admin, () => Host.CreateAsync("/api/organisations", Upm()));
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 1, 10), participants: 100) with { Partners = [Partner("segob-mx")] });
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 2, 10), participants: 40) with { Partners = [Partner("upm-mx", OrganisationRole.Accountable)] });
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 10), participants: 10) with
        {
            Partners = [Partner("segob-mx", OrganisationRole.Funding), Partner("upm-mx")],
        });
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 11), participants: 7) with { Partners = [Partner("iom")] });
        await App.WaitForProjectionsAsync();

        var before = await Dashboards("partners");
        Assert.Equal(["iom", "segob-mx", "upm-mx"], before.Select(p => p.Key));
        Assert.Equal([(1, 7L), (2, 110L), (2, 50L)], before.Select(p => (p.AllReported.Activities, p.AllReported.Participants)));
        Assert.Equal(("partner", "Secretaría de Gobernación"), (before[1].Dimension, before[1].NameEn));
        // Read (and kept, DashboardReadCache) before the merge: the merge changes no cell, yet the read after it is another.
        Assert.Equal(["segob-mx", "upm-mx"], (await Dashboards("partners?country=MX")).Select(p => p.Key));

        await As(TestUsers.Admin, async () =>
        {
            var upm = (await Host.GetAsJson<OrganisationDetails>("/api/organisations/upm-mx"))!;
            return await Host.PostJsonAsync("/api/organisations/upm-mx/merge", new { version = upm.Version, intoCode = "segob-mx", reason = "Reorganisation" }, 200);
        });

        var after = await Dashboards("partners");
        Assert.Equal(["iom", "segob-mx"], after.Select(p => p.Key));
        // The meeting both took part in counts once.
        Assert.Equal((3, 150L), (after[1].AllReported.Activities, after[1].AllReported.Participants));
        var merged = await Dashboard("partners/UPM-MX");
        Assert.Equal(("segob-mx", 3, 150L), (merged.Key, merged.AllReported.Activities, merged.AllReported.Participants));
        Assert.Equal(3, (await Dashboards("partners?country=MX")).Single().AllReported.Activities);
        Assert.Equal(0, (await Dashboard("partners/eu")).AllReported.Activities);
        await Refused("partners/no-such-organisation", 404);
    }
}
