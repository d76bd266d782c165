using ActivityTracker.Activities;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;
using ActivityTracker.Seeding;
using Alba;
using JasperFx.Events.Daemon;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

// The dashboard documents are a function of the events: rebuilding the projection from the
// first event gives, document for document, what the live daemon built batch by batch.
public class RebuildTests(AppFixture app) : DashboardTest(app)
{
    [Fact]
    public async Task rebuilding_the_dashboards_gives_the_same_documents_as_the_live_projection()
    {
        await DemoActivities.ImportAsync(App.Store, CodeLists.Shipped, DemoActivities.DefaultFile, Today);
        await DefineLatestIndicatorAsync();
        var (fair, fv) = await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)));
        var (meeting, mv) = await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 1), place: "Antigua", participants: 40,
            outcomes: [new OutcomeInput("countries-represented", 5), new OutcomeInput(Stranded, 70)]));
        var (congress, cv) = await Host.RecordAsync(Held("congress", "GT", Day(2019, 3, 2), place: "Antigua", participants: 90,
            outcomes: [new OutcomeInput("countries-represented", 9), new OutcomeInput(Stranded, 60)]));
        var (planned, pv) = await Host.RecordAsync(PlannedMeeting());
        await App.WaitForProjectionsAsync();

        fv = await Send(fair, "participants", new { version = fv, participants = new { total = 300, groups = new[] { new { sex = "Female", age = "Adults", count = 120 } } }, correction = new { reason = "LateData" } });
        await Approve(fair, fv);
        mv = await Send(meeting, "corrections", new { version = mv, correction = new { reason = "Reclassification" }, location = new { countryCode = "CR", place = "San José" } });
        await Send(meeting, "notes", new { version = mv, text = "Moved to San José." });
        await Send(congress, "cancel", new { version = cv, reason = "Recorded twice" });
        await Send(planned, "reschedule", new { version = pv, plannedStart = "2027-02-01", plannedEnd = "2027-02-02", reason = "Venue moved" });
        await App.WaitForProjectionsAsync();
        // Figures already reported add up by a new rule from now on, in every slice they are in.
        await As(TestUsers.Admin, async () =>
        {
            var indicator = (await Host.GetAsJson<IndicatorDefinition>("/api/indicators/countries-represented"))!;
            return await Host.PostJsonAsync("/api/indicators/countries-represented/revise",
                new { version = indicator.Version, aggregation = AggregationRule.Sum, reason = "Count every session" }, 200);
        });
        await App.WaitForProjectionsAsync();
        var live = await DashboardDocuments.ReadAsync(App.Store);

        var daemon = Host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync(DashboardProjection.Name, TimeSpan.FromSeconds(30), CancellationToken.None);
        await App.WaitForProjectionsAsync();
        var rebuilt = await DashboardDocuments.ReadAsync(App.Store);

        Assert.Contains(live, d => d.Key.StartsWith("slice country:CR"));
        Assert.Equal(10 + 4, live.Count(d => d.Key.StartsWith("activity ")));
        rebuilt.ShouldEqual(live);
    }
}
