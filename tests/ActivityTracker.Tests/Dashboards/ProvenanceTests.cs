using ActivityTracker.Activities;

namespace ActivityTracker.Tests.Dashboards;

// Where a figure comes from: each contributing activity, its part and the sequence numbers of
// the events behind it, so a reader can go from a total to the reports it adds up.
public class ProvenanceTests(AppFixture app) : DashboardTest(app)
{
    [Fact]
    public async Task each_figure_lists_the_activities_it_counts_and_the_events_it_comes_from()
    {
        var (fair, fv) = await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)));
        var (meeting, _) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 1), participants: 40));
        var (cancelled, cv) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 2), participants: 999));
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 2), participants: 7));
        await Send(fair, "participants", new { version = fv, participants = new { total = 300 }, correction = new { reason = "LateData" } });
        await Send(cancelled, "cancel", new { version = cv, reason = "Recorded twice" });
        await App.WaitForProjectionsAsync();

        var activities = await Provenance("countries/MX/provenance?figure=activities");
        Assert.Equal(
            new[] { (fair, 1m, (await SequencesOf<ActivityHeld>(fair)).Single()), (meeting, 1m, (await SequencesOf<ActivityHeld>(meeting)).Single()) }.OrderBy(x => x.Item1),
            activities.Select(c => (c.ActivityId, c.Value, c.Sequences.Single())).OrderBy(x => x.Item1));
        Assert.Contains(activities, c => c.Title == "job-fair in MX on 2019-02-27");

        var participants = await Provenance("countries/MX/provenance?figure=participants");
        Assert.Equal(
            new[] { (fair, 300m, (await SequencesOf<ParticipantsReported>(fair))[^1]), (meeting, 40m, (await SequencesOf<ParticipantsReported>(meeting))[^1]) }.OrderBy(x => x.Item1),
            participants.Select(c => (c.ActivityId, c.Value, c.Sequences.Single())).OrderBy(x => x.Item1));
        Assert.Equal((await Dashboard("countries/MX")).AllReported.Participants, participants.Sum(c => (long)c.Value));

        var hired = Assert.Single(await Provenance("countries/MX/provenance?figure=outcome:jobfair-hired"));
        Assert.Equal((fair, 33m, (await SequencesOf<OutcomeReported>(fair)).Single()), (hired.ActivityId, hired.Value, hired.Sequences.Single()));
    }

    [Fact]
    public async Task maximum_per_location_lists_only_the_reports_it_chose()
    {
        await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 1), place: "Antigua", outcomes: new OutcomeInput("countries-represented", 5)));
        var (largest, _) = await Host.RecordAsync(Held("congress", "GT", Day(2019, 3, 2), place: "Antigua", outcomes: new OutcomeInput("countries-represented", 9)));
        await App.WaitForProjectionsAsync();

        var chosen = Assert.Single(await Provenance("countries/GT/provenance?figure=outcome:countries-represented"));

        Assert.Equal((largest, 9m, (await SequencesOf<OutcomeReported>(largest)).Single()), (chosen.ActivityId, chosen.Value, chosen.Sequences.Single()));
        Assert.Equal(9m, (await Dashboard("countries/GT")).AllReported.Outcomes.Single().Value);
    }

    [Fact]
    public async Task a_figure_nothing_contributes_to_has_no_contributions_whatever_its_rule()
    {
        await DefineLatestIndicatorAsync();
        await App.WaitForProjectionsAsync();

        foreach (var figure in new[] { "activities", "participants", "outcome:jobfair-hired", "outcome:countries-represented", $"outcome:{Stranded}" })
            Assert.Empty(await Provenance($"countries/BZ/provenance?figure={figure}"));
    }

    [Fact]
    public async Task the_figure_must_be_named_and_the_slice_known()
    {
        foreach (var query in new[] { "", "?figure=hired", "?figure=Activities" })
        {
            var result = await Refused($"countries/MX/provenance{query}", 400);
            Assert.Equal(["figure"], await result.ErrorFieldsAsync());
        }
        await Refused("countries/XX/provenance?figure=activities", 404);
        await Refused("planets/MX/provenance?figure=activities", 404);
    }
}
