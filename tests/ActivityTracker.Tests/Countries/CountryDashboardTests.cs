using ActivityTracker.Activities;
using ActivityTracker.Countries;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Countries;

public class CountryDashboardTests(AppFixture app) : ActivityTest(app)
{
    Task<CountryDashboard?> Dashboard(string code) => Host.GetAsJson<CountryDashboard>($"/api/dashboards/countries/{code}");

    Task Send(Guid id, string action, object body) => Host.Scenario(s =>
    {
        s.Post.Json(body).ToUrl($"/api/activities/{id}/{action}");
        s.StatusCodeShouldBe(200);
    });

    [Fact]
    public async Task the_daemon_totals_activities_and_participants_per_host_country()
    {
        await Host.RecordActivityAsync(TijuanaJobFair());
        await Host.RecordActivityAsync(TijuanaJobFair() with { Kind = "survey", Title = "Interviews of migrants from caravans in Chiapas", Participants = null, Outcomes = null });
        await Host.RecordActivityAsync(TijuanaJobFair() with { Kind = "congress", Location = new LocationInput("GT", null, null, null, null), Participants = new ParticipantsInput(120), Outcomes = null });
        await Host.RecordActivityAsync(PlannedMeeting() with { Location = null, Participants = new ParticipantsInput(50) });

        await App.WaitForProjectionsAsync();

        var mexico = (await Dashboard("mx"))!;
        Assert.Equal(("MX", "MEX", "Mexico", "México"), (mexico.Code, mexico.Alpha3, mexico.NameEn, mexico.NameEs));
        Assert.Equal((2, 256L), (mexico.Activities, mexico.Participants));
        Assert.Equal(new Dictionary<string, int> { ["job-fair"] = 1, ["survey"] = 1 }, mexico.ActivitiesByKind);
        Assert.NotNull(mexico.LastEventAt);
        Assert.Equal((1, 120L), ((await Dashboard("GT"))!.Activities, (await Dashboard("GT"))!.Participants));
    }

    [Fact]
    public async Task a_new_participant_report_replaces_the_old_one_and_a_cancelled_activity_drops_out()
    {
        var (id, v) = await Host.RecordActivityAsync(TijuanaJobFair());
        await Send(id, "participants", new { version = v, participants = new { total = 300 }, correction = new { reason = "LateData" } });
        await App.WaitForProjectionsAsync();
        Assert.Equal((1, 300L), ((await Dashboard("MX"))!.Activities, (await Dashboard("MX"))!.Participants));

        await Send(id, "cancel", new { version = v + 1, reason = "Recorded twice" });
        await App.WaitForProjectionsAsync();

        var mexico = (await Dashboard("MX"))!;
        Assert.Equal((0, 0L), (mexico.Activities, mexico.Participants));
        Assert.Empty(mexico.ActivitiesByKind);
    }

    [Fact]
    public async Task correcting_the_host_country_moves_the_activity_and_its_figures()
    {
        var (id, v) = await Host.RecordActivityAsync(TijuanaJobFair());
        await Send(id, "corrections", new { version = v, correction = new { reason = "Reclassification", note = "Held across the border" }, location = new { countryCode = "GT" } });
        await App.WaitForProjectionsAsync();

        Assert.Equal((0, 0L), ((await Dashboard("MX"))!.Activities, (await Dashboard("MX"))!.Participants));
        Assert.Equal((1, 256L), ((await Dashboard("GT"))!.Activities, (await Dashboard("GT"))!.Participants));
    }

    [Fact]
    public async Task a_country_without_activities_shows_zeros()
    {
        var belize = (await Dashboard("BZ"))!;

        Assert.Equal(("Belize", "Belice", 0, 0L), (belize.NameEn, belize.NameEs, belize.Activities, belize.Participants));
        Assert.Empty(belize.ActivitiesByKind);
        Assert.Null(belize.LastEventAt);
    }

    [Fact]
    public async Task an_unknown_country_code_is_404()
    {
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/dashboards/countries/XX");
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }
}
