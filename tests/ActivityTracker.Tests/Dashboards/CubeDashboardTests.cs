using ActivityTracker.Activities;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Tests.Dashboards;

public class CubeDashboardTests(AppFixture app) : DashboardTest(app)
{
    static string Cell(string key) => "cube/" + Uri.EscapeDataString(key);

    [Fact]
    public async Task a_cell_of_country_programme_and_month_holds_exactly_its_activities()
    {
        var (moved, v) = await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256));
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 2, 10), participants: 40));
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 2, 11), participants: 30));
        await Host.RecordAsync(Held("assisted-voluntary-return", "MX", Day(2019, 2, 1), "AVR-CARAVANS", 1195));
        await Host.RecordAsync(Held("meeting", null, null, participants: 50));
        await App.WaitForProjectionsAsync();

        Assert.Equal(["GT|MESO-CARIB|2019-02", "MX|AVR-CARAVANS|2019-02", "MX|MESO-CARIB|2019-02", "regional|MESO-CARIB|undated"],
            (await Dashboards("cube")).Select(c => c.Key));
        var cell = await Dashboard(Cell("MX|MESO-CARIB|2019-02"));
        Assert.Equal(("cube", 2, 296L), (cell.Dimension, cell.AllReported.Activities, cell.AllReported.Participants));

        await Send(moved, "corrections", new { version = v, correction = new { reason = "Reclassification" }, location = new { countryCode = "GT" } });
        await App.WaitForProjectionsAsync();

        Assert.Equal((1, 40L), ((await Dashboard(Cell("MX|MESO-CARIB|2019-02"))).AllReported.Activities, (await Dashboard(Cell("MX|MESO-CARIB|2019-02"))).AllReported.Participants));
        Assert.Equal((2, 286L), ((await Dashboard(Cell("GT|MESO-CARIB|2019-02"))).AllReported.Activities, (await Dashboard(Cell("GT|MESO-CARIB|2019-02"))).AllReported.Participants));
        Assert.Equal(50L, (await Dashboard(Cell("regional|MESO-CARIB|undated"))).AllReported.Participants);
    }

    [Fact]
    public async Task every_dimension_splits_the_same_activities_without_losing_or_doubling_any()
    {
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)));
        await Host.RecordAsync(Held("job-fair", "GT", Day(2019, 6, 1), participants: 100, outcomes: new OutcomeInput("jobfair-hired", 12)));
        await Host.RecordAsync(Held("survey", "CR", Day(2019, 6, 2), "AVR-CARAVANS", 75));
        await Host.RecordAsync(Held("meeting", null, null, participants: 50));
        await App.WaitForProjectionsAsync();

        foreach (var dimension in new[] { "countries", "programmes", "months", "kinds", "statuses", "cube" })
        {
            var slices = await Dashboards(dimension);
            Assert.Equal((4, 481L, 45m), (slices.Sum(s => s.AllReported.Activities), slices.Sum(s => s.AllReported.Participants),
                slices.SelectMany(s => s.AllReported.Outcomes).Sum(o => o.Value)));
            Assert.All(slices, s => Assert.Equal(Dimensions.DocumentId(s.Dimension, s.Key), $"{s.Dimension}:{s.Key}"));
        }
    }
}
