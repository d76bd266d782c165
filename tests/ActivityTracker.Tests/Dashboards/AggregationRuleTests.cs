using ActivityTracker.Activities;
using ActivityTracker.Indicators;

namespace ActivityTracker.Tests.Dashboards;

// Outcomes of many activities combine by their indicator's rule (seeds/reference/indicators.json):
// jobfair-hired adds up, countries-represented takes the largest figure per location, and a
// running count (Latest) takes the figure of the latest-dated activity.
public class AggregationRuleTests(AppFixture app) : DashboardTest(app)
{
    static OutcomeInput Outcome(string indicator, decimal value, params OutcomeSplitInput[] breakdown) => new(indicator, value, breakdown);

    [Fact]
    public async Task sum_adds_every_report_and_its_breakdowns()
    {
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 2, 27), outcomes: Outcome("jobfair-hired", 33,
            new OutcomeSplitInput(Breakdown.Sex, "Female", 20), new OutcomeSplitInput(Breakdown.Sex, "Male", 13))));
        await Host.RecordAsync(Held("job-fair", "MX", Day(2019, 6, 1), outcomes: Outcome("jobfair-hired", 10,
            new OutcomeSplitInput(Breakdown.Sex, "Female", 4), new OutcomeSplitInput(Breakdown.Country, "HN", 10))));
        await App.WaitForProjectionsAsync();

        var hired = (await Dashboard("countries/MX")).AllReported.Outcomes.Single();

        Assert.Equal(("jobfair-hired", AggregationRule.Sum, 43m), (hired.IndicatorCode, hired.Aggregation, hired.Value));
        Assert.Equal(
        [
            new OutcomeSplit(Breakdown.Sex, "Female", 24), new OutcomeSplit(Breakdown.Sex, "Male", 13), new OutcomeSplit(Breakdown.Country, "HN", 10),
        ], hired.Breakdown);
    }

    [Fact]
    public async Task maximum_per_location_counts_the_largest_report_at_each_place_once()
    {
        var (guatemalaCity, v) = await Host.RecordAsync(Held("meeting", "GT", Day(2019, 3, 1), place: "Ciudad de Guatemala", outcomes: Outcome("countries-represented", 5)));
        await Host.RecordAsync(Held("congress", "GT", Day(2019, 3, 2), place: "Ciudad de Guatemala", outcomes: Outcome("countries-represented", 9)));
        await Host.RecordAsync(Held("meeting", "CR", Day(2019, 3, 3), place: "San José", outcomes: Outcome("countries-represented", 4)));
        await Host.RecordAsync(Held("meeting", null, Day(2019, 3, 4), outcomes: Outcome("countries-represented", 6)));
        await App.WaitForProjectionsAsync();

        var represented = (await Dashboard("programmes/MESO-CARIB")).AllReported.Outcomes.Single();
        Assert.Equal((AggregationRule.MaximumPerLocation, 19m), (represented.Aggregation, represented.Value));
        var chosen = await Provenance("programmes/MESO-CARIB/provenance?figure=outcome:countries-represented");
        Assert.Equal([9m, 6m, 4m], chosen.Select(c => c.Value).OrderDescending());
        Assert.DoesNotContain(guatemalaCity, chosen.Select(c => c.ActivityId));

        // A later, larger report at the same place replaces the one that counted there.
        await Send(guatemalaCity, "outcomes", new { version = v, outcome = new { indicatorCode = "countries-represented", value = 12 }, correction = new { reason = "LateData" } });
        await App.WaitForProjectionsAsync();

        Assert.Equal(22m, (await Dashboard("programmes/MESO-CARIB")).AllReported.Outcomes.Single().Value);
        Assert.Equal(12m, (await Dashboard("countries/GT")).AllReported.Outcomes.Single().Value);
    }

    [Fact]
    public async Task latest_takes_the_latest_dated_activity_and_on_the_same_date_the_later_report()
    {
        await DefineLatestIndicatorAsync();
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 1, 15), outcomes: Outcome(Stranded, 100)));
        var (march, mv) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 1), outcomes: Outcome(Stranded, 80)));
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 2, 1), outcomes: Outcome(Stranded, 120)));
        await App.WaitForProjectionsAsync();

        var stranded = (await Dashboard("countries/MX")).AllReported.Outcomes.Single();
        Assert.Equal((Stranded, AggregationRule.Latest, 80m), (stranded.IndicatorCode, stranded.Aggregation, stranded.Value));
        Assert.Equal([march], (await Provenance($"countries/MX/provenance?figure=outcome:{Stranded}")).Select(c => c.ActivityId));

        var (sameDay, sv) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 3, 1), outcomes: Outcome(Stranded, 90)));
        await App.WaitForProjectionsAsync();
        Assert.Equal(90m, (await Dashboard("countries/MX")).AllReported.Outcomes.Single().Value);

        // A note on the earlier report changes no figure: the later report still stands.
        await Send(march, "notes", new { version = mv, text = "Figures confirmed by phone." });
        await App.WaitForProjectionsAsync();
        Assert.Equal(90m, (await Dashboard("countries/MX")).AllReported.Outcomes.Single().Value);
        Assert.Equal([sameDay], (await Provenance($"countries/MX/provenance?figure=outcome:{Stranded}")).Select(c => c.ActivityId));

        await Send(sameDay, "cancel", new { version = sv, reason = "Recorded twice" });
        await App.WaitForProjectionsAsync();
        Assert.Equal(80m, (await Dashboard("countries/MX")).AllReported.Outcomes.Single().Value);
    }
}
