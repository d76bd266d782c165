using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Kinds;
using ActivityTracker.Kinds.Adding;
using ActivityTracker.Kinds.ChoosingIndicators;
using ActivityTracker.Kinds.Renaming;
using ActivityTracker.Reference;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Kinds;

// The rules of activity kinds are pure functions: no host, no database.
public class KindRulesTests
{
    static readonly IReadOnlyDictionary<string, NamedCode> Kinds = CodeLists.Shipped.SeededKinds;

    static IndicatorDefinition Indicator(string code, params string[] kinds) =>
        new(IndicatorDefinition.IdFor(code), code, code, code, "people", AggregationRule.Sum, [], kinds) { Version = 3 };

    /// <summary>people-trained for trainings and virtual courses, countries-represented for any kind, jobfair-hired for job fairs only.</summary>
    static readonly IndicatorDefinition[] Indicators =
    [
        Indicator("people-trained", "training", "virtual-course"),
        Indicator("countries-represented"),
        Indicator("jobfair-hired", "job-fair"),
    ];

    static AddActivityKind Workshop(params string[] indicators) => new(" Workshop ", " Workshop ", " Taller ", indicators);

    static ActivityKindDetails Stored(string code, string nameEn, string nameEs) => new(ActivityKindDetails.IdFor(code), code, nameEn, nameEs, 1) { Version = 1 };

    [Fact]
    public void adding_a_kind_starts_its_stream_with_trimmed_names_and_the_canonical_code()
    {
        var (decision, changes) = Workshop().Decide(Indicators, Kinds);

        Accepted(decision).ShouldBe(new ActivityKindAdded(ActivityKindDetails.IdFor("workshop"), "workshop", "Workshop", "Taller"));
        Assert.Empty(changes);
    }

    [Fact]
    public void the_indicators_named_are_revised_to_list_the_new_kind_and_one_for_any_kind_needs_no_revision()
    {
        var (decision, changes) = Workshop("People-Trained", "countries-represented").Decide(Indicators, Kinds);

        Assert.IsType<Decision.Accepted>(decision);
        var change = Assert.Single(changes);
        Assert.Equal(("people-trained", 3L), (change.Indicator.Code, change.Indicator.Version));
        Assert.Equal(["training", "virtual-course", "workshop"], change.Revised.Kinds);
        Assert.Equal(("people-trained", "people", AggregationRule.Sum), (change.Revised.NameEn, change.Revised.Unit, change.Revised.Aggregation));
    }

    [Fact]
    public void every_bad_field_is_named_at_once()
    {
        var decision = new AddActivityKind("x", "", new string('n', ActivityKindDetails.NameMaxLength + 1), ["picnic-count"]).Decide(Indicators, Kinds).Kind;

        Assert.Equal(["code", "indicators", "nameEn", "nameEs"], InvalidFields(decision));
    }

    [Theory]
    [InlineData("workshop", true)]
    [InlineData("WORK-SHOP-2", true)]
    [InlineData("x", false)]
    [InlineData("work shop", false)]
    [InlineData("work_shop", false)]
    [InlineData("taller-de-capacitación", false)]
    [InlineData("a23456789012345678901234567890123456789012", false)]
    public void the_code_is_2_to_40_lower_case_letters_digits_or_hyphens(string code, bool valid) =>
        Assert.Equal(valid, !(Workshop() with { Code = code }).Check().ByField.ContainsKey("code"));

    [Fact]
    public void a_name_is_required_in_both_languages_and_bounded()
    {
        Assert.Equal(["nameEn", "nameEs"], InvalidFields(new AddActivityKind("workshop", "  ", null).Decide(Indicators, Kinds).Kind));
        Assert.True((Workshop() with { NameEs = new string('n', ActivityKindDetails.NameMaxLength) }).Check().IsEmpty);
    }

    [Fact]
    public void a_code_another_kind_has_is_refused_in_any_case()
    {
        var reason = Refusal(new AddActivityKind("MEETING", "Meeting", "Reunión").Decide(Indicators, Kinds).Kind);

        Assert.Contains("meeting", reason);
    }

    [Fact]
    public void an_unknown_blank_or_repeated_indicator_is_named()
    {
        var unknown = Assert.IsType<Decision.Invalid>(Workshop("people-trained", "picnic-count", " ").Decide(Indicators, Kinds).Kind);
        var repeated = Assert.IsType<Decision.Invalid>(Workshop("people-trained", "PEOPLE-TRAINED").Decide(Indicators, Kinds).Kind);

        Assert.Contains("'picnic-count'", Assert.Single(unknown.Errors.ByField["indicators"]));
        Assert.Contains("people-trained", Assert.Single(repeated.Errors.ByField["indicators"]));
    }

    [Fact]
    public void the_list_of_indicators_is_bounded()
    {
        var many = Enumerable.Range(0, KindIndicators.Max + 1).Select(i => $"indicator-{i}").ToArray();

        Assert.Equal(["indicators"], InvalidFields(Workshop(many).Decide(Indicators, Kinds).Kind));
    }

    [Fact]
    public void renaming_needs_both_names_and_a_change()
    {
        var kind = Stored("workshop", "Workshop", "Taller");

        Accepted(new RenameActivityKind(1, " Hands-on workshop ", "Taller").Decide(kind)).ShouldBe(new ActivityKindRenamed("Hands-on workshop", "Taller"));
        Assert.Equal(["nameEn", "nameEs"], InvalidFields(new RenameActivityKind(1, "", new string('n', ActivityKindDetails.NameMaxLength + 1)).Decide(kind)));
        Assert.Contains("workshop", Refusal(new RenameActivityKind(1, "Workshop ", " Taller").Decide(kind)));
    }

    [Fact]
    public void choosing_the_indicators_of_a_kind_adds_it_to_those_chosen_and_takes_it_from_those_left_out()
    {
        var kind = Stored("training", "Training", "Capacitación");

        var (decision, changes) = new ChooseKindIndicators(1, ["jobfair-hired", "countries-represented"]).Decide(kind, Indicators, Kinds);

        Assert.Empty(Accepted(decision));
        Assert.Equal([("jobfair-hired", (IReadOnlyList<string>)["job-fair", "training"]), ("people-trained", ["virtual-course"])],
            changes.Select(c => (c.Indicator.Code, c.Revised.Kinds)));
    }

    [Fact]
    public void leaving_out_an_indicator_for_any_kind_makes_it_one_for_every_other_kind_there_is()
    {
        var kind = Stored("training", "Training", "Capacitación");

        var (_, changes) = new ChooseKindIndicators(1, ["people-trained", "jobfair-hired"]).Decide(kind, Indicators, Kinds);

        var anyKind = Assert.Single(changes, c => c.Indicator.Code == "countries-represented");
        Assert.Equal(Kinds.Keys.Where(k => k != "training"), anyKind.Revised.Kinds);
    }

    [Fact]
    public void an_indicator_is_not_left_without_a_kind()
    {
        var kind = Stored("job-fair", "Job fair", "Feria de empleo");

        var decision = new ChooseKindIndicators(1, ["countries-represented"]).Decide(kind, Indicators, Kinds).Kind;

        Assert.Contains("jobfair-hired", Assert.Single(Assert.IsType<Decision.Invalid>(decision).Errors.ByField["indicators"]));
    }

    [Fact]
    public void choosing_the_indicators_that_apply_already_is_refused_and_a_missing_list_is_named()
    {
        var kind = Stored("training", "Training", "Capacitación");

        Assert.Contains("training", Refusal(new ChooseKindIndicators(1, ["people-trained", "countries-represented"]).Decide(kind, Indicators, Kinds).Kind));
        Assert.Equal(["indicators"], InvalidFields(new ChooseKindIndicators(1, null).Decide(kind, Indicators, Kinds).Kind));
    }

    [Fact]
    public void the_live_list_shows_the_shipped_kinds_first_with_their_new_names_then_the_added_ones_in_order()
    {
        IReadOnlyList<ActivityKindDetails> stored =
        [
            new(ActivityKindDetails.IdFor("signing"), "signing", "Signing of an agreement", "Firma de un acuerdo", 90),
            new(ActivityKindDetails.IdFor("workshop"), "workshop", "Workshop", "Taller", 80),
            Stored("meeting", "Meeting or call", "Reunión o llamada"),
        ];

        var merged = KindList.Merge(Kinds, stored);

        Assert.Equal([.. Kinds.Keys, "workshop", "signing"], merged.Keys);
        Assert.Equal("Meeting or call", merged["MEETING"].NameEn);
    }
}
