using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Reporting;
using ActivityTracker.Indicators;
using ActivityTracker.Seeding;
using JasperFx.Events;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Dashboards;

// Time travel: ?asOf= folds the events stored up to that instant, so a dashboard shows what it
// showed then. The history here is appended at fixed timestamps.
public class AsOfTests(AppFixture app) : DashboardTest(app)
{
    static readonly DateTimeOffset March = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset June = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset September = new(2025, 9, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The event wrapped with its own type (<c>Event.AsEvent(object)</c> would store it as an <c>object</c>).</summary>
    static IEvent Typed(object data) =>
        (IEvent)typeof(Event).GetMethod(nameof(Event.AsEvent))!.MakeGenericMethod(data.GetType()).Invoke(null, [data])!;

    static string At(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O"));

    async Task AppendAt(Guid id, DateTimeOffset timestamp, IReadOnlyList<object> events) => await AppendAt<ActivityDetails>(id, timestamp, events);

    async Task AppendAt<TAggregate>(Guid id, DateTimeOffset timestamp, IReadOnlyList<object> events) where TAggregate : class
    {
        await using var session = App.Store.LightweightSession();
        var stamped = events.Select(e => Typed(e).AtTimestamp(timestamp)).ToArray();
        if (await session.Events.FetchStreamStateAsync(id) is null)
            session.Events.StartStream<TAggregate>(id, stamped);
        else
            session.Events.Append(id, stamped);
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task as_of_an_instant_shows_the_figures_of_that_instant()
    {
        var fair = Guid.CreateVersion7();
        var recorded = Accepted(Held("job-fair", "MX", Day(2019, 2, 27), participants: 256, outcomes: new OutcomeInput("jobfair-hired", 33)).Decide(fair, TestCatalog, Today));
        await AppendAt(fair, March, recorded);
        var corrected = Accepted(new ReportParticipants(recorded.Count, new ParticipantsInput(300), new CorrectionInput(CorrectionReason.LateData))
            .Decide(Fold([.. recorded]), TestCatalog));
        await AppendAt(fair, June, corrected);
        var meeting = Guid.CreateVersion7();
        await AppendAt(meeting, September, Accepted(Held("meeting", "GT", Day(2019, 3, 1), participants: 40).Decide(meeting, TestCatalog, Today)));
        await App.WaitForProjectionsAsync();

        // Before the activity existed: none of it.
        Assert.Empty(await Dashboards($"countries?asOf={At(March.AddDays(-1))}"));
        var before = await Dashboard($"countries/MX?asOf={At(March.AddSeconds(-1))}");
        Assert.Equal((0, 0L, March.AddSeconds(-1), (DateTimeOffset?)null), (before.AllReported.Activities, before.AllReported.Participants, before.AsOf, before.LastEventAt));

        // Between the report and its correction: the old figure, from the old report.
        var april = await Dashboards($"countries?asOf={At(March.AddMonths(1))}");
        Assert.Equal([("MX", 1, 256L)], april.Select(v => (v.Key, v.AllReported.Activities, v.AllReported.Participants)));
        Assert.Equal(March, april[0].LastEventAt);
        var reported = Assert.Single(await Provenance($"countries/MX/provenance?figure=participants&asOf={At(March.AddMonths(1))}"));
        Assert.Equal((256m, (await SequencesOf<ParticipantsReported>(fair))[0]), (reported.Value, reported.Sequences.Single()));

        // After the correction, and now: the new figure; the later activity only once it exists.
        Assert.Equal([("MX", 300L)], (await Dashboards($"countries?asOf={At(June.AddDays(1))}")).Select(v => (v.Key, v.AllReported.Participants)));
        var now = await Dashboards("countries");
        Assert.Equal([("GT", 40L), ("MX", 300L)], now.Select(v => (v.Key, v.AllReported.Participants)));
        Assert.Equal((June, September), (now[1].LastEventAt, now[0].LastEventAt));
    }

    [Fact]
    public async Task as_of_an_instant_outcomes_add_up_by_the_rule_their_indicator_had_then()
    {
        // An indicator defined in January as the largest figure per place, revised in June to a sum.
        var defined = new IndicatorDefined(IndicatorDefinition.IdFor("venue-countries"), "venue-countries", "Countries at the venue", "Países en la sede",
            "countries", AggregationRule.MaximumPerLocation, [], []);
        await AppendAt<IndicatorDefinition>(defined.IndicatorId, March.AddMonths(-2), [defined]);
        var catalog = TestCatalog with
        {
            Indicators = new Dictionary<string, IndicatorDefinition>(TestCatalog.Indicators, StringComparer.OrdinalIgnoreCase)
            {
                [defined.Code] = new(defined.IndicatorId, defined.Code, defined.NameEn, defined.NameEs, defined.Unit, defined.Aggregation, defined.Breakdowns, defined.Kinds),
            }
        };
        foreach (var value in new[] { 5, 9 })
        {
            var id = Guid.CreateVersion7();
            await AppendAt(id, March, Accepted(Held("meeting", "GT", Day(2019, 3, value), place: "Antigua", outcomes: new OutcomeInput(defined.Code, value)).Decide(id, catalog, Today)));
        }
        await AppendAt<IndicatorDefinition>(defined.IndicatorId, June, [new IndicatorRevised(defined.NameEn, defined.NameEs, defined.Unit, AggregationRule.Sum, [], [], "Count every session")]);
        await App.WaitForProjectionsAsync();

        var april = (await Dashboard($"countries/GT?asOf={At(March.AddMonths(1))}")).AllReported.Outcomes.Single();
        Assert.Equal((AggregationRule.MaximumPerLocation, 9m), (april.Aggregation, april.Value));
        Assert.Single(await Provenance($"countries/GT/provenance?figure=outcome:venue-countries&asOf={At(March.AddMonths(1))}"));
        var july = (await Dashboard($"countries/GT?asOf={At(June.AddMonths(1))}")).AllReported.Outcomes.Single();
        Assert.Equal((AggregationRule.Sum, 14m), (july.Aggregation, july.Value));
        Assert.Equal(14m, (await Dashboard("countries/GT")).AllReported.Outcomes.Single().Value);
    }

    [Fact]
    public async Task as_of_before_2019_shows_none_of_the_seeded_activities()
    {
        await DemoActivities.ImportAsync(App.Store, CodeLists.Shipped, DemoActivities.DefaultFile, Today);
        await App.WaitForProjectionsAsync();
        var before2019 = At(new DateTimeOffset(2018, 12, 31, 23, 59, 59, TimeSpan.Zero));

        foreach (var dimension in new[] { "countries", "programmes", "months", "kinds", "statuses", "cube", "partners" })
        {
            Assert.Empty(await Dashboards($"{dimension}?asOf={before2019}"));
            var now = await Dashboards(dimension);
            // Now the ten seeded activities are there (partners count an activity once per partner, and not at all without one).
            Assert.Equal(dimension == "partners" ? 14 : 10, now.Sum(v => v.AllReported.Activities + v.AllReported.Cancelled));
        }
        var meso = await Dashboard($"programmes/MESO-CARIB?asOf={before2019}");
        Assert.Equal((0, 0L, 0), (meso.AllReported.Activities, meso.AllReported.Participants, meso.Approved.Activities));
        Assert.Empty(await Provenance($"programmes/MESO-CARIB/provenance?figure=participants&asOf={before2019}"));
    }
}
