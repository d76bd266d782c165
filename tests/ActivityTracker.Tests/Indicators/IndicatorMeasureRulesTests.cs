using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Indicators.Revising;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Indicators;

// "An average of 120 arrivals a day", "34 % more than last year": an indicator says what its figures are, and a
// percentage or an average is never added up. Pure rules: no host, no database.
public class IndicatorMeasureRulesTests
{
    static readonly ActivityTracker.Indicators.Defining.DefineIndicator Rate = JobfairHired() with
    {
        Code = "daily-arrivals",
        Breakdowns = [],
        Kinds = ["survey"],
        Measure = IndicatorMeasure.Average,
        Per = " day ",
        Aggregation = AggregationRule.WeightedMean,
    };

    static IndicatorDefinition Percentage() => new(IndicatorDefinition.IdFor("arrivals-change"), "arrivals-change", "Change", "Variación", "arrivals",
        AggregationRule.WeightedMean, [], [], IndicatorMeasure.Percentage, "arrivals the year before")
    { Version = 1 };

    static string[] Fields(FieldErrors errors) => [.. errors.ByField.Keys.Order()];

    [Fact]
    public void an_average_per_day_weighted_by_its_bases_is_defined_with_what_it_is_per()
    {
        var defined = Assert.IsType<IndicatorDefined>(Rate.Decide(CodeLists.Shipped.SeededKinds).Registered());

        Assert.Equal((IndicatorMeasure.Average, "day", AggregationRule.WeightedMean), (defined.Measure, defined.Per, defined.Aggregation));
    }

    [Fact]
    public void a_definition_that_says_no_measure_is_a_count_as_before()
    {
        var defined = Assert.IsType<IndicatorDefined>(JobfairHired().Decide(CodeLists.Shipped.SeededKinds).Registered());

        Assert.Equal((IndicatorMeasure.Count, null), (defined.Measure, defined.Per));
    }

    [Theory]
    [InlineData(IndicatorMeasure.Percentage, AggregationRule.Sum)]
    [InlineData(IndicatorMeasure.Percentage, AggregationRule.MaximumPerLocation)]
    [InlineData(IndicatorMeasure.Average, AggregationRule.Sum)]
    public void a_percentage_or_an_average_is_never_added_up(IndicatorMeasure measure, AggregationRule rule)
    {
        Assert.Equal(["aggregation"], Fields((Rate with { Measure = measure, Aggregation = rule }).Check(CodeLists.Shipped.SeededKinds)));
    }

    [Theory]
    [InlineData(AggregationRule.WeightedMean)]
    [InlineData(AggregationRule.Latest)]
    public void a_percentage_is_combined_as_a_weighted_mean_or_the_latest(AggregationRule rule)
    {
        Assert.True((Rate with { Measure = IndicatorMeasure.Percentage, Aggregation = rule }).Check(CodeLists.Shipped.SeededKinds).IsEmpty);
    }

    [Fact]
    public void a_count_is_not_a_weighted_mean_and_is_per_nothing()
    {
        var errors = (JobfairHired() with { Aggregation = AggregationRule.WeightedMean, Per = "day" }).Check(CodeLists.Shipped.SeededKinds);

        Assert.Equal(["aggregation", "per"], Fields(errors));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void a_percentage_or_an_average_says_what_it_is_of_or_per(string? per)
    {
        Assert.Equal(["per"], Fields((Rate with { Per = per }).Check(CodeLists.Shipped.SeededKinds)));
        Assert.Equal(["per"], Fields((Rate with { Per = per, Measure = IndicatorMeasure.Percentage }).Check(CodeLists.Shipped.SeededKinds)));
    }

    [Fact]
    public void what_it_is_per_is_bounded_and_the_measure_must_be_one_of_the_list()
    {
        Assert.Equal(["per"], Fields((Rate with { Per = new string('d', IndicatorDefinition.PerMaxLength + 1) }).Check(CodeLists.Shipped.SeededKinds)));
        Assert.Equal(["measure"], Fields((Rate with { Measure = (IndicatorMeasure)9 }).Check(CodeLists.Shipped.SeededKinds)));
    }

    [Fact]
    public void a_percentage_is_not_broken_down_since_each_part_would_need_its_own_base()
    {
        Assert.Equal(["breakdowns"], Fields((Rate with { Breakdowns = [Breakdown.Sex] }).Check(CodeLists.Shipped.SeededKinds)));
    }

    [Fact]
    public void changing_the_measure_needs_a_reason_and_a_rule_that_fits_the_new_measure()
    {
        var toCount = new ReviseIndicator(1, null, null, null, AggregationRule.Sum, null, null, null, IndicatorMeasure.Count);
        Assert.Equal(["reason"], Fields(Assert.IsType<Decision.Invalid>(toCount.Decide(Percentage(), CodeLists.Shipped.SeededKinds)).Errors));

        var withReason = toCount with { Reason = "Reported as counts from 2020" };
        var revised = Assert.IsType<IndicatorRevised>(Assert.Single(Assert.IsType<Decision.Accepted>(withReason.Decide(Percentage(), CodeLists.Shipped.SeededKinds)).Events));
        // A count is per nothing: what the percentage was of goes with it.
        Assert.Equal((IndicatorMeasure.Count, null, AggregationRule.Sum), (revised.Measure, revised.Per, revised.Aggregation));

        var ruleLeftBehind = new ReviseIndicator(1, null, null, null, null, null, null, "Counts now", IndicatorMeasure.Count);
        Assert.Equal(["aggregation"], Fields(Assert.IsType<Decision.Invalid>(ruleLeftBehind.Decide(Percentage(), CodeLists.Shipped.SeededKinds)).Errors));
    }

    [Fact]
    public void a_revision_may_say_anew_what_a_percentage_is_of_and_keeps_it_otherwise()
    {
        var renamed = new ReviseIndicator(1, "Change in arrivals", null, null, null, null, null, null);
        Assert.Equal("arrivals the year before",
            Assert.IsType<IndicatorRevised>(Assert.Single(Assert.IsType<Decision.Accepted>(renamed.Decide(Percentage(), CodeLists.Shipped.SeededKinds)).Events)).Per);

        var per = new ReviseIndicator(1, null, null, null, null, null, null, null, Per: "arrivals in 2018");
        Assert.Equal("arrivals in 2018",
            Assert.IsType<IndicatorRevised>(Assert.Single(Assert.IsType<Decision.Accepted>(per.Decide(Percentage(), CodeLists.Shipped.SeededKinds)).Events)).Per);
    }
}
