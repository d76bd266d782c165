using ActivityTracker.Activities;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

public class DashboardFilterTests(AppFixture app) : DashboardTest(app)
{
    async Task RecordVariedActivities()
    {
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)));
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 5, 10), participants: 40));
        await Host.RecordAsync(Held("assisted-voluntary-return", "MX", Day(2019, 3, 1), "AVR-CARAVANS", 1195));
        await Host.RecordAsync(Held("meeting", null, null, participants: 50));
        await Host.RecordAsync(PlannedMeeting());
        await App.WaitForProjectionsAsync();
    }

    static (string, int, long)[] Totals(IEnumerable<ActivityTracker.Dashboards.DashboardView> views) =>
        [.. views.Select(v => (v.Key, v.AllReported.Activities, v.AllReported.Participants))];

    [Fact]
    public async Task a_date_range_keeps_the_activities_that_took_place_or_are_planned_in_it()
    {
        await RecordVariedActivities();

        Assert.Equal([("GT", 1, 40L), ("MX", 1, 1195L)], Totals(await Dashboards("countries?from=2019-03-01&to=2019-12-31")));
        Assert.Equal([("GT", 1, 0L)], Totals(await Dashboards("countries?from=2020-01-01")));
        Assert.Equal([("MX", 2, 1451L)], Totals(await Dashboards("countries?to=2019-03-01")));
        var range = await Dashboard("months/2019-02?from=2019-02-27&to=2019-02-27");
        Assert.Equal((1, 256L, "complete"), (range.AllReported.Activities, range.AllReported.Participants, range.Scope));
    }

    [Fact]
    public async Task programme_country_and_kind_filters_combine()
    {
        await RecordVariedActivities();

        Assert.Equal([("MESO-CARIB", 1, 256L)], Totals(await Dashboards("programmes?country=mx&programme=meso-carib")));
        Assert.Equal([("job-fair", 1, 256L), ("meeting", 3, 90L)], Totals(await Dashboards("kinds?programme=MESO-CARIB")));
        Assert.Equal([("2019-05", 1, 40L), ("2027-01", 1, 0L)], Totals(await Dashboards("months?kind=meeting&country=GT")));
        Assert.Equal((1, 1195L), ((await Dashboard("countries/MX?kind=assisted-voluntary-return")).AllReported.Activities,
            (await Dashboard("countries/MX?kind=assisted-voluntary-return")).AllReported.Participants));
        Assert.Empty(await Dashboards("statuses?kind=survey"));
    }

    [Fact]
    public async Task figures_computed_for_a_request_equal_the_stored_ones_when_nothing_is_left_out()
    {
        await RecordVariedActivities();

        foreach (var dimension in new[] { "countries", "programmes", "months", "kinds", "statuses", "cube" })
        {
            var stored = await Dashboards(dimension);
            var travelled = await Dashboards($"{dimension}?asOf=2100-01-01T00:00:00Z");
            Assert.NotEmpty(stored);
            Assert.Equivalent(stored, travelled.Select(v => v with { AsOf = null }), strict: true);
        }
        Assert.Equivalent(await Dashboard("countries/MX"), await Dashboard("countries/MX?from=1900-01-01"), strict: true);
    }

    [Fact]
    public async Task unknown_codes_and_a_backwards_range_are_400_naming_the_parameter()
    {
        foreach (var (query, field) in new[]
        {
            ("country=XX", "country"), ("kind=dance", "kind"), ("programme=NO-SUCH", "programme"), ("from=2019-05-01&to=2019-04-30", "to"),
        })
        {
            Assert.Equal([field], await (await Refused($"countries?{query}", 400)).ErrorFieldsAsync());
            Assert.Equal([field], await (await Refused($"kinds/meeting?{query}", 400)).ErrorFieldsAsync());
            Assert.Equal([field], await (await Refused($"programmes/MESO-CARIB/provenance?figure=activities&{query}", 400)).ErrorFieldsAsync());
        }
        Assert.Equal(["country", "kind", "programme", "to"],
            await (await Refused("countries?country=XX&kind=dance&programme=NO-SUCH&from=2019-05-01&to=2019-04-30", 400)).ErrorFieldsAsync());
        await Refused("countries?from=yesterday", 400);
    }
}
