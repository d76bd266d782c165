using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Countries;
using ActivityTracker.Seeding;
using Alba;
using Marten;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Seeding;

public class DemoActivitiesTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task the_ten_source_activities_load_once_however_often_the_import_runs()
    {
        Assert.Equal(10, await DemoActivities.ImportAsync(App.Store, CodeLists, DemoActivities.DefaultFile));
        Assert.Equal(0, await DemoActivities.ImportAsync(App.Store, CodeLists, DemoActivities.DefaultFile));

        await using var session = App.Store.QuerySession();
        var activities = await session.Query<ActivityDetails>().ToListAsync();
        Assert.Equal(10, activities.Count);
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        Assert.Equal(10, events.Count);
        Assert.All(events, e => Assert.Equal(DemoActivities.SeedUser, e.UserName));

        var jobFair = Assert.Single(activities, a => a.Kind == "job-fair");
        Assert.Equal(("MX", 256, new DateOnly(2019, 2, 27), new DateOnly(2019, 2, 28)),
            (jobFair.CountryCode, jobFair.ParticipantTotal, jobFair.StartDate, jobFair.EndDate));
        var returns = Assert.Single(activities, a => a.Kind == "assisted-voluntary-return");
        Assert.Equal(("AVR-CARAVANS", 1195), (returns.ProgrammeCode, returns.ParticipantTotal));
        var congress = Assert.Single(activities, a => a.Kind == "congress");
        Assert.Equal(("GT", new DateOnly(2019, 3, 5)), (congress.CountryCode, congress.StartDate));
        Assert.Equal(50, Assert.Single(activities, a => a.Title.Contains("Counter-Trafficking Network")).ParticipantTotal);
        // The MiGOF item is a knowledge product: no place, no dates.
        var migof = Assert.Single(activities, a => a.Kind == "publication");
        Assert.Equal((null, null, null), (migof.CountryCode, migof.StartDate, migof.EndDate));
    }

    [Fact]
    public async Task the_seeds_reach_the_country_dashboards()
    {
        await DemoActivities.ImportAsync(App.Store, CodeLists, DemoActivities.DefaultFile);
        await App.WaitForProjectionsAsync();

        var mexico = (await Host.GetAsJson<CountryDashboard>("/api/dashboards/countries/MX"))!;

        Assert.Equal((3, 256L), (mexico.Activities, mexico.Participants));
    }

    [Fact]
    public async Task a_seed_file_that_breaks_the_rules_is_refused_whole()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid()}.json");
        File.WriteAllText(broken, """
            // a comment is fine; a negative count is not
            [{ "id": "5b0f3f7e-0000-4000-8000-000000000001", "kind": "meeting", "title": "t", "programmeCode": "MESO-CARIB", "participantTotal": -3 }]
            """);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => DemoActivities.ImportAsync(App.Store, CodeLists, broken));
            Assert.Contains("participantTotal", error.Message);
            Assert.Equal(0, await App.CountEventsAsync());
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
