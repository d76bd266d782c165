using System.Text.Json;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;

namespace ActivityTracker.Tests.Dashboards;

// Percentages and averages are never summed: reports that give a base combine as the mean weighted by it, a lone report
// is its own figure, several without a base have none in common (shown per activity). Kept incrementally like the sums.
public class MeanFiguresTests
{
    static readonly IReadOnlyDictionary<string, IndicatorDefinition> Indicators = new Dictionary<string, IndicatorDefinition>
    {
        ["daily-arrivals"] = new(Guid.NewGuid(), "daily-arrivals", "A day", "Por día", "arrivals", AggregationRule.WeightedMean, [], [],
            IndicatorMeasure.Average, "day"),
        ["arrivals-change"] = new(Guid.NewGuid(), "arrivals-change", "Change", "Variación", "arrivals", AggregationRule.Latest, [], [],
            IndicatorMeasure.Percentage, "arrivals the year before"),
    };

    static ReportedActivity Survey(int day, params OutcomeValue[] outcomes)
    {
        var id = Guid.NewGuid();
        return new ReportedActivity
        {
            Id = id,
            LastSequence = day,
            Activity = new ActivityDetails
            {
                Id = id, Kind = "survey", Title = "Flow monitoring", ActualStart = new DateOnly(2019, 5, day),
                Location = new Location("GT", null, $"Point {day}", null, null), Outcomes = outcomes,
            },
        };
    }

    static OutcomeValue Arrivals(decimal value, decimal? days = null, bool floor = false) => new("daily-arrivals", value, [], floor, days);

    static OutcomeFigure Figure(IEnumerable<ReportedActivity> surveys) => Figures.Of(surveys, Indicators).Outcomes.Single(o => o.IndicatorCode == "daily-arrivals");

    [Fact]
    public void reports_with_a_base_make_the_mean_weighted_by_it_not_a_sum()
    {
        // 120 a day over 30 days and 60 a day over 10 days: 4,200 arrivals in 40 days, 105 a day (not 180, not 90).
        var figure = Figure([Survey(1, Arrivals(120, 30)), Survey(2, Arrivals(60, 10))]);

        Assert.Equal((105m, 2, 2, 40m), (figure.Value, figure.Reports, figure.Weighed, figure.Base));
    }

    [Fact]
    public void a_report_without_a_base_is_not_weighed_and_the_figure_says_so()
    {
        var figure = Figure([Survey(1, Arrivals(120, 30)), Survey(2, Arrivals(60, 10)), Survey(3, Arrivals(900))]);

        Assert.Equal((105m, 3, 2), (figure.Value, figure.Reports, figure.Weighed));
    }

    [Fact]
    public void a_lone_report_is_its_own_figure_and_several_without_a_base_have_none_in_common()
    {
        Assert.Equal(120m, Figure([Survey(1, Arrivals(120))]).Value);

        var none = Figure([Survey(1, Arrivals(120)), Survey(2, Arrivals(60))]);
        Assert.Equal(((decimal?)null, 2, 0), (none.Value, none.Reports, none.Weighed));
    }

    [Fact]
    public void a_mean_is_rounded_to_two_decimals()
    {
        Assert.Equal(33.33m, Figure([Survey(1, Arrivals(0, 2)), Survey(2, Arrivals(100, 1))]).Value);
    }

    [Fact]
    public void a_weighed_floor_makes_the_mean_a_floor_and_an_unweighed_one_does_not()
    {
        Assert.True(Figure([Survey(1, Arrivals(120, 30, floor: true)), Survey(2, Arrivals(60, 10))]).IsMinimum);
        Assert.False(Figure([Survey(1, Arrivals(120, 30)), Survey(2, Arrivals(60, floor: true))]).IsMinimum);
    }

    [Fact]
    public void taking_out_changing_and_merging_give_the_figure_added_up_afresh()
    {
        var a = Survey(1, Arrivals(120, 30));
        var b = Survey(2, Arrivals(60, 10, floor: true));
        var c = Survey(3, Arrivals(45));
        var tally = FiguresTally.Of([a, b, c], Indicators);

        var corrected = b with { Activity = b.Activity with { Outcomes = [Arrivals(80, 20)] }, LastSequence = 9 };
        Assert.True(tally.Change(b, corrected, Indicators));
        Assert.True(tally.Change(c, null, Indicators));
        Assert.Equal(JsonSerializer.Serialize(Figures.Of([a, corrected], Indicators)), JsonSerializer.Serialize(tally.ToFigures()));
        // (120 × 30 + 80 × 20) / 50.
        Assert.Equal((104m, false), (tally.ToFigures().Outcomes.Single().Value, tally.ToFigures().Outcomes.Single().IsMinimum));

        var merged = FiguresTally.Of([a], Indicators);
        merged.Merge(FiguresTally.Of([corrected], Indicators));
        Assert.Equal(JsonSerializer.Serialize(Figures.Of([a, corrected], Indicators)), JsonSerializer.Serialize(merged.ToFigures()));
    }

    [Fact]
    public void a_percentage_by_the_latest_rule_is_the_latest_report_as_it_was()
    {
        var figure = Figures.Of([Survey(1, new OutcomeValue("arrivals-change", 34, [], Base: 1200)), Survey(5, new OutcomeValue("arrivals-change", -12, []))], Indicators)
            .Outcomes.Single();

        Assert.Equal((-12m, AggregationRule.Latest), (figure.Value, figure.Aggregation));
    }
}
