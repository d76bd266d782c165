using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using ActivityTracker.Programmes;
using Alba;

namespace ActivityTracker.Tests.Dashboards;

public class ProgrammeDashboardTests(AppFixture app) : DashboardTest(app)
{
    async Task SetTarget(string period, decimal value)
    {
        await As(TestUsers.Admin, async () =>
        {
            var programme = (await Host.GetAsJson<ProgrammeDetails>("/api/programmes/MESO-CARIB"))!;
            return await Host.PostJsonAsync("/api/programmes/MESO-CARIB/targets",
                new { version = programme.Version, indicatorCode = "jobfair-hired", period, value }, 200);
        });
    }

    [Fact]
    public async Task each_programme_has_its_own_totals()
    {
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)));
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 5), participants: 40));
        await Host.RecordAsync(Held("assisted-voluntary-return", "MX", Day(2019, 1, 10), "AVR-CARAVANS", 1195));
        await App.WaitForProjectionsAsync();

        var all = await Dashboards("programmes");

        Assert.Equal(["AVR-CARAVANS", "MESO-CARIB"], all.Select(v => v.Key));
        var meso = all.Single(v => v.Key == "MESO-CARIB");
        Assert.Equal(("programme", "Regional Migration Program: Mesoamerica – The Caribbean", "complete"), (meso.Dimension, meso.NameEn, meso.Scope));
        Assert.Equal((2, 296L), (meso.AllReported.Activities, meso.AllReported.Participants));
        Assert.Equal((1, 1195L), (all[0].AllReported.Activities, all[0].AllReported.Participants));
        Assert.Equivalent(meso.AllReported, (await Dashboard("programmes/meso-carib")).AllReported, strict: true);
        await Refused("programmes/NO-SUCH-PROGRAMME", 404);
    }

    [Fact]
    public async Task targets_stand_next_to_the_actuals_of_their_period_reported_and_approved()
    {
        var (first, v) = await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), outcomes: new OutcomeInput("jobfair-hired", 33)));
        await Host.RecordAsync(Held("job-fair", "GT", Day(2019, 5, 14), outcomes: new OutcomeInput("jobfair-hired", 10)));
        await Host.RecordAsync(Held("job-fair", "MX", Day(2020, 1, 20), outcomes: new OutcomeInput("jobfair-hired", 99)));
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 3, 1), "AVR-CARAVANS", outcomes: new OutcomeInput("jobfair-hired", 7)));
        await Approve(first, v);
        await SetTarget("2019", 100);
        await SetTarget("2019-Q1", 40);
        await SetTarget("2021", 50);
        await App.WaitForProjectionsAsync();

        var meso = await Dashboard("programmes/MESO-CARIB");

        Assert.Equal(
        [
            new TargetProgress("jobfair-hired", "2019", 100, 43, 33),
            new TargetProgress("jobfair-hired", "2019-Q1", 40, 33, 33),
            new TargetProgress("jobfair-hired", "2021", 50, 0, 0),
        ], meso.Targets);
        Assert.Empty((await Dashboard("programmes/AVR-CARAVANS")).Targets!);
        Assert.Null((await Dashboard("countries/MX")).Targets);
    }
}
