using ActivityTracker.Activities;

namespace ActivityTracker.Tests.Dashboards;

public class ApprovedFiguresTests(AppFixture app) : DashboardTest(app)
{
    [Fact]
    public async Task approved_figures_count_only_what_a_manager_approved_while_all_reported_counts_everything()
    {
        var (approved, av) = await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)));
        var (submitted, sv) = await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 3, 27), participants: 100, outcomes: new OutcomeInput("jobfair-hired", 10)));
        var (sentBack, bv) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 28), participants: 20));
        av = await Approve(approved, av);
        await Send(submitted, "submit", new { version = sv });
        bv = await Send(sentBack, "submit", new { version = bv });
        await Send(sentBack, "send-back", new { version = bv, reason = "Add the sources" }, TestUsers.Manager);
        await App.WaitForProjectionsAsync();

        var mexico = await Dashboard("countries/MX");

        Assert.Equal((3, 376L, 43m), (mexico.AllReported.Activities, mexico.AllReported.Participants, mexico.AllReported.Outcomes.Single().Value));
        Assert.Equal((1, 256L, 33m), (mexico.Approved.Activities, mexico.Approved.Participants, mexico.Approved.Outcomes.Single().Value));
        Assert.Equal(new Dictionary<string, int> { ["Closed"] = 1 }, mexico.Approved.ActivitiesByStatus);
        Assert.Equal([approved], (await Provenance("countries/MX/provenance?figure=activities&approved=true")).Select(c => c.ActivityId));
        Assert.Equal(3, (await Provenance("countries/MX/provenance?figure=activities")).Length);

        // Reopened, it is no longer approved until a manager approves it again.
        await Send(approved, "reopen", new { version = av, reason = "Late figures" }, TestUsers.Manager);
        await App.WaitForProjectionsAsync();

        mexico = await Dashboard("countries/MX");
        Assert.Equal((3, 0, 0L), (mexico.AllReported.Activities, mexico.Approved.Activities, mexico.Approved.Participants));
        Assert.Empty(mexico.Approved.Outcomes);
    }
}
