using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

public class StatusDashboardTests(AppFixture app) : DashboardTest(app)
{
    [Fact]
    public async Task each_iati_status_has_its_slice_and_a_cancelled_activity_is_counted_only_by_status()
    {
        await Host.RecordAsync(PlannedMeeting());
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 5), participants: 10) with { ActualEnd = null });
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 6), participants: 20));
        var (approved, av) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 7), participants: 30));
        var (cancelled, cv) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 8), participants: 40));
        await Approve(approved, av);
        await Send(cancelled, "cancel", new { version = cv, reason = "Recorded twice" });
        await App.WaitForProjectionsAsync();

        var statuses = await Dashboards("statuses");

        Assert.Equal(["Cancelled", "Closed", "Finalisation", "Implementation", "Pipeline"], statuses.Select(s => s.Key));
        Assert.Equal([0, 1, 1, 1, 1], statuses.Select(s => s.AllReported.Activities));
        Assert.Equal([0L, 30, 20, 10, 0], statuses.Select(s => s.AllReported.Participants));
        // Counted apart, and not among the statuses of the activities counted: those add up to them, in every slice.
        Assert.Equal(1, statuses[0].AllReported.Cancelled);
        Assert.Empty(statuses[0].AllReported.ActivitiesByStatus);
        Assert.All(statuses, s => Assert.Equal(s.AllReported.Activities, s.AllReported.ActivitiesByStatus.Values.Sum()));
        // The export says the same: a "cancelled" figure, and no cancelled status among those of the activities counted.
        var sheet = (await (await Host.Scenario(s => s.Get.Url("/api/exports/dashboards/statuses.csv"))).ReadAsTextAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim().Split(',')).ToList();
        Assert.Contains(sheet, r => r[1] == "Cancelled" && r[7] == "all_reported" && r[8] == "cancelled" && r[10] == "1");
        Assert.DoesNotContain(sheet, r => r[8] == "activities_by_status" && r[9] == "Cancelled");
        var closed = await Dashboard("statuses/closed");
        Assert.Equal(("Closed", 1, 1), (closed.Key, closed.AllReported.Activities, closed.Approved.Activities));
        Assert.Equal(0, (await Dashboard("statuses/Suspended")).AllReported.Activities);
        await Refused("statuses/4", 404);
        await Refused("statuses/done", 404);
    }

    [Fact]
    public async Task reopening_moves_an_approved_activity_out_of_closed()
    {
        var (id, v) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 7), participants: 30));
        v = await Approve(id, v);
        await App.WaitForProjectionsAsync();
        Assert.Equal(["Closed"], (await Dashboards("statuses")).Select(s => s.Key));

        await Send(id, "reopen", new { version = v, reason = "Late figures" }, TestUsers.Manager);
        await App.WaitForProjectionsAsync();

        Assert.Equal(["Finalisation"], (await Dashboards("statuses")).Select(s => s.Key));
        Assert.Equal(0, (await Dashboard("statuses/Closed")).AllReported.Activities);
    }
}
