using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

public class MonthDashboardTests(AppFixture app) : DashboardTest(app)
{
    [Fact]
    public async Task an_activity_counts_in_the_month_it_took_place_or_was_planned_and_undated_when_the_source_gives_no_date()
    {
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256));
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 2, 10), participants: 40));
        await Host.RecordAsync(Held("survey", "MX", Day(2019, 5, 3)));
        await Host.RecordAsync(PlannedMeeting());
        await Host.RecordAsync(Held("meeting", null, null, participants: 50));
        await App.WaitForProjectionsAsync();

        var months = await Dashboards("months");

        Assert.Equal(["2019-02", "2019-05", "2027-01", "undated"], months.Select(m => m.Key));
        Assert.Equal([2, 1, 1, 1], months.Select(m => m.AllReported.Activities));
        Assert.Equal((296L, "2019-02"), (months[0].AllReported.Participants, months[0].NameEn));
        var undated = await Dashboard("months/undated");
        Assert.Equal(("month", "Undated", "Sin fecha", 1, 50L), (undated.Dimension, undated.NameEn, undated.NameEs, undated.AllReported.Activities, undated.AllReported.Participants));
    }

    [Fact]
    public async Task rescheduling_or_reporting_the_actual_dates_moves_the_activity_to_its_new_month()
    {
        var (planned, pv) = await Host.RecordAsync(PlannedMeeting());
        var (undated, uv) = await Host.RecordAsync(Held("meeting", null, null, participants: 50));
        await App.WaitForProjectionsAsync();
        Assert.Equal(["2027-01", "undated"], (await Dashboards("months")).Select(m => m.Key));

        await Send(planned, "reschedule", new { version = pv, plannedStart = "2027-03-02", plannedEnd = "2027-03-03", reason = "Venue moved" });
        await Send(undated, "held", new { version = uv, actualStart = "2019-05-20" });
        await App.WaitForProjectionsAsync();

        Assert.Equal(["2019-05", "2027-03"], (await Dashboards("months")).Select(m => m.Key));
        Assert.Equal(50L, (await Dashboard("months/2019-05")).AllReported.Participants);
        var january = await Dashboard("months/2027-01");
        Assert.Equal((0, 0L), (january.AllReported.Activities, january.LastSequence));
        Assert.Equal(0, (await Dashboard("months/undated")).AllReported.Activities);
    }

    [Theory]
    [InlineData("2019-13")]
    [InlineData("2019-2")]
    [InlineData("february")]
    public async Task a_key_that_is_not_a_month_is_404(string key) => await Refused($"months/{key}", 404);
}
