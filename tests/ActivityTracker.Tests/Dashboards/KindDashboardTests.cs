using ActivityTracker.Activities;

namespace ActivityTracker.Tests.Dashboards;

public class KindDashboardTests(AppFixture app) : DashboardTest(app)
{
    [Fact]
    public async Task each_kind_counts_its_activities_and_a_reclassification_moves_one()
    {
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)));
        var (survey, v) = await Host.RecordAsync(Held("survey", "MX", Day(2019, 3, 1), participants: 80));
        await Host.RecordAsync(Held("congress", "GT", Day(2019, 4, 9), participants: 120));
        await App.WaitForProjectionsAsync();
        Assert.Equal(["congress", "job-fair", "survey"], (await Dashboards("kinds")).Select(k => k.Key));

        await Send(survey, "corrections", new { version = v, correction = new { reason = "Reclassification" }, kind = "congress" });
        await App.WaitForProjectionsAsync();

        var kinds = await Dashboards("kinds");
        Assert.Equal(["congress", "job-fair"], kinds.Select(k => k.Key));
        Assert.Equal((2, 200L), (kinds[0].AllReported.Activities, kinds[0].AllReported.Participants));
        var fairs = await Dashboard("kinds/JOB-FAIR");
        Assert.Equal(("kind", "job-fair", 1, 33m), (fairs.Dimension, fairs.Key, fairs.AllReported.Activities, fairs.AllReported.Outcomes.Single().Value));
        Assert.Equal(new Dictionary<string, int> { ["job-fair"] = 1 }, fairs.AllReported.ActivitiesByKind);
        Assert.Equal(0, (await Dashboard("kinds/survey")).AllReported.Activities);
        await Refused("kinds/dance", 404);
    }
}
