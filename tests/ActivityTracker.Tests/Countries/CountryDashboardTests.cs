using ActivityTracker.Countries;
using Alba;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Countries;

public class CountryDashboardTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task the_daemon_totals_activities_and_participants_per_host_country()
    {
        await Host.RecordActivityAsync(TijuanaJobFair());
        await Host.RecordActivityAsync(TijuanaJobFair() with { Kind = "survey", Title = "Interviews of migrants from caravans in Chiapas", ParticipantTotal = null });
        await Host.RecordActivityAsync(TijuanaJobFair() with { Kind = "congress", CountryCode = "GT", ParticipantTotal = 120 });
        await Host.RecordActivityAsync(TijuanaJobFair() with { Kind = "meeting", CountryCode = null, ParticipantTotal = 50 });

        await App.WaitForProjectionsAsync();

        var mexico = (await Host.GetAsJson<CountryDashboard>("/api/dashboards/countries/mx"))!;
        Assert.Equal(("MX", "MEX", "Mexico", "México"), (mexico.Code, mexico.Alpha3, mexico.NameEn, mexico.NameEs));
        Assert.Equal((2, 256L), (mexico.Activities, mexico.Participants));
        Assert.Equal(new Dictionary<string, int> { ["job-fair"] = 1, ["survey"] = 1 }, mexico.ActivitiesByKind);
        Assert.NotNull(mexico.LastEventAt);

        var guatemala = (await Host.GetAsJson<CountryDashboard>("/api/dashboards/countries/GT"))!;
        Assert.Equal((1, 120L), (guatemala.Activities, guatemala.Participants));
    }

    [Fact]
    public async Task a_country_without_activities_shows_zeros()
    {
        var belize = (await Host.GetAsJson<CountryDashboard>("/api/dashboards/countries/BZ"))!;

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
