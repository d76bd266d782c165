using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Indicators.Defining;
using ActivityTracker.Indicators.Revising;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Indicators;

// The rules of indicators are pure functions: no host, no database.
public class IndicatorRulesTests
{
    static IndicatorDefinition Current() => new(IndicatorDefinition.IdFor("jobfair-hired"), "jobfair-hired", "People hired", "Personas contratadas",
        "people", AggregationRule.Sum, [Breakdown.Sex], ["job-fair"])
    { Version = 1 };

    static ReviseIndicator Revision(string? unit = null, AggregationRule? aggregation = null, IReadOnlyList<string?>? kinds = null, string? reason = null) =>
        new(1, null, null, unit, aggregation, null, kinds, reason);

    [Fact]
    public void a_complete_definition_passes_and_its_event_carries_canonical_codes()
    {
        var command = JobfairHired() with { Code = " JobFair-Hired ", Kinds = ["JOB-FAIR", "Training"], Unit = " people " };

        Assert.True(command.Check(CodeLists.Shipped.SeededKinds).IsEmpty);
        Assert.Equivalent(new IndicatorDefined(IndicatorDefinition.IdFor("jobfair-hired"), "jobfair-hired", JobfairHired().NameEn!, JobfairHired().NameEs!,
            "people", AggregationRule.Sum, [Breakdown.Sex, Breakdown.Age, Breakdown.Country], ["job-fair", "training"]), command.Decide(CodeLists.Shipped.SeededKinds).Registered(), strict: true);
    }

    [Fact]
    public void breakdowns_and_kinds_may_be_left_out_meaning_none_and_any_kind()
    {
        var command = JobfairHired() with { Breakdowns = null, Kinds = null };

        Assert.True(command.Check(CodeLists.Shipped.SeededKinds).IsEmpty);
        var defined = Assert.IsType<IndicatorDefined>(command.Decide(CodeLists.Shipped.SeededKinds).Registered());
        Assert.Empty(defined.Breakdowns);
        Assert.Empty(defined.Kinds);
    }

    [Fact]
    public void every_missing_field_is_named()
    {
        var errors = new DefineIndicator(null, null, null, null, null, null, null).Check(CodeLists.Shipped.SeededKinds).ByField;

        Assert.Equal(["aggregation", "code", "nameEn", "nameEs", "unit"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("jobfair-hired", true)]
    [InlineData("PEOPLE-RETURNED", true)]
    [InlineData("x", false)]
    [InlineData("jobfair hired", false)]
    [InlineData("jobfair_hired", false)]
    [InlineData("a23456789012345678901234567890123456789012", false)]
    public void the_code_is_2_to_40_lower_case_letters_digits_or_hyphens(string code, bool valid)
    {
        Assert.Equal(valid, !(JobfairHired() with { Code = code }).Check(CodeLists.Shipped.SeededKinds).ByField.ContainsKey("code"));
    }

    [Fact]
    public void enum_values_outside_the_lists_repeated_breakdowns_and_unknown_kinds_are_named()
    {
        var command = JobfairHired() with { Aggregation = (AggregationRule)7, Breakdowns = [Breakdown.Sex, Breakdown.Sex, (Breakdown)9], Kinds = ["picnic", "job-fair", "JOB-FAIR"] };

        var errors = command.Check(CodeLists.Shipped.SeededKinds).ByField;

        Assert.Equal(["aggregation", "breakdowns", "kinds"], errors.Keys.Order());
        Assert.Equal(2, errors["breakdowns"].Length);
        Assert.Contains("'picnic'", errors["kinds"][0]);
        Assert.Contains("repeated: job-fair", errors["kinds"][1]);
    }

    [Theory]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void the_unit_is_at_most_50_characters(int length, bool valid)
    {
        Assert.Equal(valid, (JobfairHired() with { Unit = new string('u', length) }).Check(CodeLists.Shipped.SeededKinds).IsEmpty);
    }

    [Fact]
    public void a_revision_keeps_what_it_leaves_out()
    {
        var decision = Revision(unit: "persons", kinds: []).Decide(Current(), CodeLists.Shipped.SeededKinds);

        Assert.Equivalent(new IndicatorRevised("People hired", "Personas contratadas", "persons", AggregationRule.Sum, [Breakdown.Sex], [], null),
            Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events), strict: true);
    }

    [Fact]
    public void changing_the_aggregation_rule_requires_a_reason()
    {
        var decision = Revision(aggregation: AggregationRule.Latest).Decide(Current(), CodeLists.Shipped.SeededKinds);

        var errors = Assert.IsType<Decision.Invalid>(decision).Errors.ByField;
        Assert.Equal(["reason"], errors.Keys);
        Assert.Contains("from Sum to Latest", errors["reason"][0]);
    }

    [Fact]
    public void changing_the_aggregation_rule_with_a_reason_is_recorded_with_it()
    {
        var decision = Revision(aggregation: AggregationRule.Latest, reason: " Running totals ").Decide(Current(), CodeLists.Shipped.SeededKinds);

        var revised = Assert.IsType<IndicatorRevised>(Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events));
        Assert.Equal((AggregationRule.Latest, "Running totals"), (revised.Aggregation, revised.Reason));
    }

    [Fact]
    public void a_revision_that_changes_nothing_is_refused()
    {
        var decision = Revision(unit: "people", aggregation: AggregationRule.Sum, kinds: ["JOB-FAIR"], reason: "Checked").Decide(Current(), CodeLists.Shipped.SeededKinds);

        Assert.Contains("changes nothing", Assert.IsType<Decision.Refused>(decision).Reason);
    }

    [Fact]
    public void a_revision_may_not_blank_a_name_or_the_unit()
    {
        var decision = new ReviseIndicator(1, "", " ", "", null, null, null, null).Decide(Current(), CodeLists.Shipped.SeededKinds);

        Assert.Equal(["nameEn", "nameEs", "unit"], Assert.IsType<Decision.Invalid>(decision).Errors.ByField.Keys.Order());
    }

    [Fact]
    public void the_projection_takes_the_revised_definition()
    {
        var revised = IndicatorDefinitionProjection.Apply(
            new IndicatorRevised("Hired", "Contratadas", "persons", AggregationRule.Latest, [], ["job-fair", "campaign"], "Why"), Current());

        Assert.Equal(("Hired", "Contratadas", "persons", AggregationRule.Latest), (revised.NameEn, revised.NameEs, revised.Unit, revised.Aggregation));
        Assert.Empty(revised.Breakdowns);
        Assert.Equal(["job-fair", "campaign"], revised.Kinds);
    }
}
