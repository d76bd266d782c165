using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Dashboards;
using ActivityTracker.Seeding;
using Alba;
using Marten;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Seeding;

// The ten activities of the source document, with every figure it gives.
public class DemoActivitiesTests(AppFixture app) : ActivityTest(app)
{
    Task<int> Import(string? file = null) => DemoActivities.ImportAsync(App.Store, CodeLists.Shipped, file ?? DemoActivities.DefaultFile, Today);

    static decimal Outcome(ActivityDetails activity, string indicator) => activity.Outcomes.Single(o => o.IndicatorCode == indicator).Value;

    [Fact]
    public async Task the_ten_source_activities_load_once_with_every_figure()
    {
        Assert.Equal(10, await Import());
        Assert.Equal(0, await Import());

        await using var session = App.Store.QuerySession();
        var activities = await session.Query<ActivityDetails>().ToListAsync();
        Assert.Equal(10, activities.Count);
        Assert.All(await session.Events.QueryAllRawEvents().Where(e => e.StreamId != Guid.Empty).ToListAsync(),
            e => Assert.Equal(DemoActivities.SeedUser, e.UserName));

        var jobFair = Assert.Single(activities, a => a.Kind == "job-fair");
        Assert.Equal(("MX", "Baja California", new DateOnly(2019, 2, 27), new DateOnly(2019, 2, 28), 256),
            (jobFair.Location.CountryCode, jobFair.Location.Admin1, jobFair.ActualStart, jobFair.ActualEnd, jobFair.Participants!.Total));
        Assert.Equal((256m, 18m, 746m, 33m), (Outcome(jobFair, "jobfair-attendees"), Outcome(jobFair, "jobfair-businesses"),
            Outcome(jobFair, "jobfair-openings"), Outcome(jobFair, "jobfair-hired")));

        var returns = Assert.Single(activities, a => a.Kind == "assisted-voluntary-return");
        Assert.Equal(("AVR-CARAVANS", 1195, 48), (returns.ProgrammeCode, returns.Participants!.Total, returns.Participants.UnaccompaniedMinors));
        Assert.Equal((1195m, 48m), (Outcome(returns, "people-returned"), Outcome(returns, "unaccompanied-minors-returned")));
        Assert.Null(returns.ActualStart);
        Assert.NotEmpty(returns.Notes);

        var congress = Assert.Single(activities, a => a.Kind == "congress");
        Assert.Equal(("GT", new DateOnly(2019, 3, 5), new DateOnly(2019, 3, 6), 9, 9m),
            (congress.Location.CountryCode, congress.ActualStart, congress.ActualEnd, congress.ParticipatingCountries.Count, Outcome(congress, "countries-represented")));
        Assert.Contains(congress.Partners, p => p.OrganisationCode == "iom");

        var network = Assert.Single(activities, a => a.Title.Contains("Counter-Trafficking Network"));
        Assert.Equal((50, true), (network.Participants!.Total, network.Participants.TotalIsMinimum));

        Assert.Equal(2m, Outcome(Assert.Single(activities, a => a.Title.Contains("E-Campus") || a.Description?.Contains("E-Campus") == true), "tools-launched"));

        // The MiGOF item is a knowledge product: no place, no dates, and the data says so.
        var migof = Assert.Single(activities, a => a.Kind == "publication");
        Assert.Equal((null, null, null), (migof.Location.CountryCode, migof.ActualStart, migof.PlannedStart));
        Assert.NotEmpty(migof.Notes);
    }

    [Fact]
    public async Task the_seeds_reach_the_country_dashboards()
    {
        await Import();
        await App.WaitForProjectionsAsync();

        var mexico = (await Host.GetAsJson<DashboardView>("/api/dashboards/countries/MX"))!;

        Assert.Equal((3, 256L), (mexico.AllReported.Activities, mexico.AllReported.Participants));
        Assert.Equal(33m, mexico.AllReported.Outcomes.Single(o => o.IndicatorCode == "jobfair-hired").Value);
    }

    [Fact]
    public async Task a_seed_file_that_breaks_the_rules_is_refused_whole()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid()}.json");
        await File.WriteAllTextAsync(broken, """
            // a comment is fine; a negative count is not
            [
              { "id": "5b0f3f7e-0000-4000-8000-000000000001", "kind": "meeting", "language": "en", "title": "Fine", "programmeCode": "MESO-CARIB", "sectorCode": "15190" },
              { "id": "5b0f3f7e-0000-4000-8000-000000000002", "kind": "meeting", "language": "en", "title": "t", "programmeCode": "MESO-CARIB", "sectorCode": "15190", "participants": { "total": -3 } }
            ]
            """);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => Import(broken));

            Assert.Contains("participants.total", error.Message);
            Assert.Contains("5b0f3f7e-0000-4000-8000-000000000002", error.Message);
            await using var session = App.Store.QuerySession();
            Assert.Equal(0, await session.Query<ActivityDetails>().CountAsync());
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
