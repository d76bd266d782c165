using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

public class CountryDashboardTests(AppFixture app) : ActivityTest(app)
{
    async Task<DashboardView> Dashboard(string code)
    {
        await App.ActAsAsync(TestUsers.Manager);
        var view = (await Host.GetAsJson<DashboardView>($"/api/dashboards/countries/{code}"))!;
        await App.ActAsAsync(TestUsers.Officer);
        return view;
    }

    Task Send(Guid id, string action, object body) => Host.SendAsync(id, action, body);

    [Fact]
    public async Task the_daemon_totals_activities_participants_and_outcomes_per_host_country()
    {
        await Host.RecordAsync(TijuanaJobFair());
        await Host.RecordAsync(TijuanaJobFair() with { Kind = "survey", Title = "Interviews of migrants from caravans in Chiapas", Participants = null, Outcomes = null });
        await Host.RecordAsync(TijuanaJobFair() with { Kind = "congress", Location = new LocationInput("GT", null, null, null, null), Participants = new ParticipantsInput(120), Outcomes = null });
        await Host.RecordAsync(PlannedMeeting() with { Location = null, Participants = new ParticipantsInput(50) });

        await App.WaitForProjectionsAsync();

        var mexico = await Dashboard("mx");
        Assert.Equal(("country", "MX", "Mexico", "México", "complete"), (mexico.Dimension, mexico.Key, mexico.NameEn, mexico.NameEs, mexico.Scope));
        Assert.Equal((2, 256L), (mexico.AllReported.Activities, mexico.AllReported.Participants));
        Assert.Equal(new Dictionary<string, int> { ["job-fair"] = 1, ["survey"] = 1 }, mexico.AllReported.ActivitiesByKind);
        Assert.Equal(33m, Assert.Single(mexico.AllReported.Outcomes).Value);
        Assert.Equal(0, mexico.Approved.Activities);
        Assert.NotNull(mexico.LastEventAt);
        Assert.Equal((1, 120L), ((await Dashboard("GT")).AllReported.Activities, (await Dashboard("GT")).AllReported.Participants));
        Assert.Equal(50L, (await Dashboard("regional")).AllReported.Participants);
    }

    [Fact]
    public async Task a_new_participant_report_replaces_the_old_one_and_a_cancelled_activity_drops_out()
    {
        var (id, v) = await Host.RecordAsync(TijuanaJobFair());
        await Send(id, "participants", new { version = v, participants = new { total = 300 }, correction = new { reason = "LateData" } });
        await App.WaitForProjectionsAsync();
        Assert.Equal((1, 300L), ((await Dashboard("MX")).AllReported.Activities, (await Dashboard("MX")).AllReported.Participants));

        await Send(id, "cancel", new { version = v + 1, reason = "Recorded twice" });
        await App.WaitForProjectionsAsync();

        var mexico = await Dashboard("MX");
        Assert.Equal((0, 0L), (mexico.AllReported.Activities, mexico.AllReported.Participants));
        Assert.Empty(mexico.AllReported.ActivitiesByKind);
        Assert.Empty(mexico.AllReported.ActivitiesByStatus);
        Assert.Equal(1, mexico.AllReported.Cancelled);
    }

    [Fact]
    public async Task correcting_the_host_country_moves_the_activity_and_its_figures()
    {
        var (id, v) = await Host.RecordAsync(TijuanaJobFair());
        await Send(id, "corrections", new { version = v, correction = new { reason = "Reclassification", note = "Held across the border" }, location = new { countryCode = "GT" } });
        await App.WaitForProjectionsAsync();

        Assert.Equal((0, 0L), ((await Dashboard("MX")).AllReported.Activities, (await Dashboard("MX")).AllReported.Participants));
        Assert.Equal((1, 256L), ((await Dashboard("GT")).AllReported.Activities, (await Dashboard("GT")).AllReported.Participants));
    }

    [Fact]
    public async Task a_country_without_activities_shows_zeros_and_an_unknown_one_is_404()
    {
        var belize = await Dashboard("BZ");

        Assert.Equal(("Belize", "Belice", 0, 0L), (belize.NameEn, belize.NameEs, belize.AllReported.Activities, belize.AllReported.Participants));
        Assert.Empty(belize.AllReported.ActivitiesByKind);
        Assert.Null(belize.LastEventAt);
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/dashboards/countries/XX");
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/dashboards/planets");
            s.StatusCodeShouldBe(404);
        });
    }
}
