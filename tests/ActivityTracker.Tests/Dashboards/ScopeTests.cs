using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Programmes;
using Alba;

namespace ActivityTracker.Tests.Dashboards;

// Mexico's officer (programmes: all, countries: MX) sees figures of what their scope covers,
// marked "filtered"; a manager for everything sees the stored, "complete" figures.
public class ScopeTests(AppFixture app) : DashboardTest(app)
{
    static readonly DemoUsers.Account Mexico = DemoUsers.OfficerMexico;

    async Task RecordInTwoCountries()
    {
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)));
        await Host.RecordAsync(Held("job-fair", "GT", Day(2019, 5, 10), participants: 40, outcomes: new OutcomeInput("jobfair-hired", 10)));
        await Host.RecordAsync(Held("meeting", null, Day(2019, 6, 1), participants: 50) with { ParticipatingCountries = ["MX", "CR"] });
        await Host.RecordAsync(Held("meeting", null, Day(2019, 6, 2), participants: 7) with { ParticipatingCountries = ["GT"] });
        await App.WaitForProjectionsAsync();
    }

    [Fact]
    public async Task an_officer_for_one_country_sees_filtered_figures_of_what_their_scope_covers()
    {
        await RecordInTwoCountries();

        var programme = await Dashboard("programmes/MESO-CARIB", Mexico);
        Assert.Equal(("filtered", 2, 306L, 33m), (programme.Scope, programme.AllReported.Activities, programme.AllReported.Participants, programme.AllReported.Outcomes.Single().Value));
        var everything = await Dashboard("programmes/MESO-CARIB");
        Assert.Equal(("complete", 4, 353L), (everything.Scope, everything.AllReported.Activities, everything.AllReported.Participants));

        var countries = await Dashboards("countries", Mexico);
        Assert.Equal([("MX", 1, "filtered"), ("regional", 1, "filtered")], countries.Select(c => (c.Key, c.AllReported.Activities, c.Scope)));
        Assert.Equal(0, (await Dashboard("countries/GT", Mexico)).AllReported.Activities);
        Assert.Equal([256m, 50m], (await Provenance("programmes/MESO-CARIB/provenance?figure=participants", Mexico)).Select(c => c.Value).OrderDescending());
        Assert.Equal(["2019-02", "2019-06"], (await Dashboards("months", Mexico)).Select(m => m.Key));
    }

    [Fact]
    public async Task programme_targets_are_measured_against_the_actuals_the_user_may_see()
    {
        await RecordInTwoCountries();
        await As(TestUsers.Admin, async () =>
        {
            var meso = (await Host.GetAsJson<ProgrammeDetails>("/api/programmes/MESO-CARIB"))!;
            return await Host.PostJsonAsync("/api/programmes/MESO-CARIB/targets", new { version = meso.Version, indicatorCode = "jobfair-hired", period = "2019", value = 100 }, 200);
        });

        var mexico = Assert.Single((await Dashboard("programmes/MESO-CARIB", Mexico)).Targets!);
        var everything = Assert.Single((await Dashboard("programmes/MESO-CARIB")).Targets!);

        Assert.Equal((100m, 33m), (mexico.Target, mexico.ActualAllReported));
        Assert.Equal((100m, 43m), (everything.Target, everything.ActualAllReported));
    }
}
