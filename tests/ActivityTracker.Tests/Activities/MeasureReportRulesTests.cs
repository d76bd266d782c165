using ActivityTracker.Activities;
using ActivityTracker.Activities.Reporting;
using ActivityTracker.Indicators;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Activities;

// A report of a percentage or an average may give its base (34 % of 250 people, 120 a day over 31 days); a count has none.
public class MeasureReportRulesTests
{
    static readonly Catalog Catalog = TestCatalog with
    {
        Indicators = new Dictionary<string, IndicatorDefinition>(TestCatalog.Indicators, StringComparer.OrdinalIgnoreCase)
        {
            ["arrivals-change"] = new(IndicatorDefinition.IdFor("arrivals-change"), "arrivals-change", "Change", "Variación", "arrivals",
                AggregationRule.WeightedMean, [], [], IndicatorMeasure.Percentage, "arrivals the year before"),
            ["daily-arrivals"] = new(IndicatorDefinition.IdFor("daily-arrivals"), "daily-arrivals", "A day", "Por día", "arrivals",
                AggregationRule.WeightedMean, [], [], IndicatorMeasure.Average, "day"),
        },
    };

    static IEnumerable<string> Fields(OutcomeInput outcome) =>
        InvalidFields(new ReportOutcome(1, outcome).Decide(RecordedJobFair(), Catalog));

    [Fact]
    public void a_percentage_with_its_base_is_stored_with_it()
    {
        var events = Accepted(new ReportOutcome(1, new OutcomeInput("arrivals-change", 34, Base: 250)).Decide(RecordedJobFair(), Catalog));

        var reported = Assert.IsType<OutcomeReported>(Assert.Single(events));
        Assert.Equal((34m, 250m), (reported.Value, reported.Base));
    }

    [Fact]
    public void a_percentage_may_be_a_fall_but_an_average_or_a_count_is_never_below_zero()
    {
        Assert.IsType<OutcomeReported>(Assert.Single(Accepted(new ReportOutcome(1, new OutcomeInput("arrivals-change", -12, Base: 250)).Decide(RecordedJobFair(), Catalog))));
        Assert.Equal(["outcome.value"], Fields(new OutcomeInput("daily-arrivals", -1)));
        Assert.Equal(["outcome.value"], Fields(new OutcomeInput("countries-represented", -1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void a_base_is_more_than_zero(int weight)
    {
        Assert.Equal(["outcome.base"], Fields(new OutcomeInput("daily-arrivals", 120, Base: weight)));
    }

    [Fact]
    public void a_count_has_no_base()
    {
        Assert.Equal(["outcome.base"], Fields(new OutcomeInput("countries-represented", 9, Base: 256)));
    }
}
