using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Programmes;
using ActivityTracker.Programmes.Registering;
using ActivityTracker.Programmes.SettingTargets;
using static ActivityTracker.Tests.Infrastructure.ReferenceScenarios;

namespace ActivityTracker.Tests.Programmes;

// The rules of programmes are pure functions: no host, no database.
public class ProgrammeRulesTests
{
    static readonly IndicatorDefinition Hired = new(IndicatorDefinition.IdFor("jobfair-hired"), "jobfair-hired", "People hired", "Personas contratadas",
        "people", AggregationRule.Sum, [], ["job-fair"]);

    static ProgrammeDetails Programme(params ProgrammeTarget[] targets) =>
        new(ProgrammeDetails.IdFor("MESO-CARIB"), "MESO-CARIB", "Mesoamerica", "Mesoamérica", ["MX"], targets);

    [Fact]
    public void a_complete_registration_passes_and_its_event_carries_canonical_codes_and_trimmed_names()
    {
        var command = new RegisterProgramme(" meso-carib ", " Regional Migration Program ", "Programa Regional", ["mx", "Gt"]);

        Assert.True(command.Check(CodeLists.Shipped).IsEmpty);
        Assert.Equivalent(new ProgrammeRegistered(ProgrammeDetails.IdFor("MESO-CARIB"), "MESO-CARIB", "Regional Migration Program", "Programa Regional", ["MX", "GT"]),
            command.Decide(CodeLists.Shipped).Registered(), strict: true);
    }

    [Fact]
    public void the_id_of_a_programme_comes_from_its_code_in_any_case()
    {
        Assert.Equal(ProgrammeDetails.IdFor("MESO-CARIB"), ProgrammeDetails.IdFor(" meso-carib "));
        Assert.NotEqual(ProgrammeDetails.IdFor("MESO-CARIB"), ProgrammeDetails.IdFor("AVR-CARAVANS"));
    }

    [Fact]
    public void a_malformed_code_is_named_with_its_rule()
    {
        var errors = new RegisterProgramme("meso carib!", "Mesoamerica", "Mesoamérica", ["MX"]).Check(CodeLists.Shipped).ByField;

        Assert.Equal(["'meso carib!' is not a valid programme code: use 2 to 30 capital letters, digits or hyphens, e.g. MESO-CARIB."], errors["code"]);
    }

    [Fact]
    public void code_names_and_countries_are_required()
    {
        var errors = new RegisterProgramme(null, " ", null, []).Check(CodeLists.Shipped).ByField;

        Assert.Equal(["code", "countries", "nameEn", "nameEs"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("MESO-CARIB", true)]
    [InlineData("avr-caravans", true)]
    [InlineData("AB", true)]
    [InlineData("A", false)]
    [InlineData("MESO CARIB", false)]
    [InlineData("MESO_CARIB", false)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ12345", false)]
    public void the_code_is_2_to_30_capital_letters_digits_or_hyphens(string code, bool valid)
    {
        Assert.Equal(valid, !(MesoCarib() with { Code = code }).Check(CodeLists.Shipped).ByField.ContainsKey("code"));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void names_are_at_most_200_characters(int length, bool valid)
    {
        var errors = (MesoCarib() with { NameEn = new string('n', length), NameEs = new string('n', length) }).Check(CodeLists.Shipped);

        Assert.Equal(valid, errors.IsEmpty);
    }

    [Fact]
    public void countries_must_be_iso_alpha_2_codes_each_listed_once()
    {
        var errors = (MesoCarib() with { Countries = ["MX", "MEX", "XX", "mx", null] }).Check(CodeLists.Shipped).ByField["countries"];

        Assert.Contains("'MEX', 'XX', ''", errors[0]);
        Assert.Contains("repeated: MX", errors[1]);
    }

    [Fact]
    public void a_first_target_for_an_indicator_and_period_is_set()
    {
        var decision = new SetProgrammeTarget(1, "JOBFAIR-HIRED", "2019-q1", 30, null).Decide(Programme(), Hired);

        var accepted = Assert.IsType<Decision.Accepted>(decision);
        Assert.Equal(new ProgrammeTargetSet("jobfair-hired", "2019-Q1", 30, null), Assert.Single(accepted.Events));
    }

    [Fact]
    public void a_first_target_may_say_where_it_comes_from()
    {
        var decision = new SetProgrammeTarget(1, "jobfair-hired", "2019", 30, " Results framework ").Decide(Programme(), Hired);

        Assert.Equal(new ProgrammeTargetSet("jobfair-hired", "2019", 30, "Results framework"), Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events));
    }

    [Fact]
    public void revising_a_target_requires_a_reason()
    {
        var programme = Programme(new ProgrammeTarget("jobfair-hired", "2019", 30));

        var decision = new SetProgrammeTarget(2, "jobfair-hired", "2019", 40, "  ").Decide(programme, Hired);

        var errors = Assert.IsType<Decision.Invalid>(decision).Errors.ByField;
        Assert.Equal(["reason"], errors.Keys);
        Assert.Contains("is 30", errors["reason"][0]);
    }

    [Fact]
    public void revising_a_target_with_a_reason_records_the_revision()
    {
        var programme = Programme(new ProgrammeTarget("jobfair-hired", "2019", 30));

        var decision = new SetProgrammeTarget(2, "jobfair-hired", "2019", 40, "More municipalities").Decide(programme, Hired);

        Assert.Equal(new ProgrammeTargetRevised("jobfair-hired", "2019", 40, "More municipalities"),
            Assert.Single(Assert.IsType<Decision.Accepted>(decision).Events));
    }

    [Fact]
    public void revising_a_target_to_its_current_value_is_refused()
    {
        var programme = Programme(new ProgrammeTarget("jobfair-hired", "2019", 30));

        var decision = new SetProgrammeTarget(2, "jobfair-hired", "2019", 30, "Again").Decide(programme, Hired);

        Assert.Contains("already 30", Assert.IsType<Decision.Refused>(decision).Reason);
    }

    [Fact]
    public void a_target_needs_an_indicator_that_exists()
    {
        var decision = new SetProgrammeTarget(1, "jobfair-hired", "2019", 30, null).Decide(Programme(), indicator: null);

        Assert.Equal(["indicatorCode"], Assert.IsType<Decision.Invalid>(decision).Errors.ByField.Keys);
    }

    [Theory]
    [InlineData("2019", true)]
    [InlineData("2019-Q4", true)]
    [InlineData("2019-q2", true)]
    [InlineData(" 2020 ", true)]
    [InlineData("2019-Q5", false)]
    [InlineData("2019-Q0", false)]
    [InlineData("19", false)]
    [InlineData("2019-03", false)]
    [InlineData("Q1-2019", false)]
    [InlineData("", false)]
    public void the_period_is_a_year_or_a_quarter(string period, bool valid)
    {
        Assert.Equal(valid, !new SetProgrammeTarget(1, "jobfair-hired", period, 1, null).Check().ByField.ContainsKey("period"));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(0.5, true)]
    [InlineData(-0.01, false)]
    public void a_target_is_zero_or_more(decimal value, bool valid)
    {
        Assert.Equal(valid, new SetProgrammeTarget(1, "jobfair-hired", "2019", value, null).Check().IsEmpty);
    }

    [Fact]
    public void indicator_period_and_value_are_required_and_the_reason_is_at_most_500_characters()
    {
        var errors = new SetProgrammeTarget(1, null, null, null, new string('r', 501)).Check().ByField;

        Assert.Equal(["indicatorCode", "period", "reason", "value"], errors.Keys.Order());
    }

    [Fact]
    public void the_projection_keeps_one_current_target_per_indicator_and_period_in_order()
    {
        var programme = Programme();
        programme = ProgrammeDetailsProjection.Apply(new ProgrammeTargetSet("people-trained", "2019", 100, null), programme);
        programme = ProgrammeDetailsProjection.Apply(new ProgrammeTargetSet("jobfair-hired", "2019-Q1", 10, null), programme);
        programme = ProgrammeDetailsProjection.Apply(new ProgrammeTargetSet("jobfair-hired", "2019", 30, null), programme);
        programme = ProgrammeDetailsProjection.Apply(new ProgrammeTargetRevised("jobfair-hired", "2019", 40, "More"), programme);

        Assert.Equal([
            new ProgrammeTarget("jobfair-hired", "2019", 40),
            new ProgrammeTarget("jobfair-hired", "2019-Q1", 10),
            new ProgrammeTarget("people-trained", "2019", 100),
        ], programme.Targets);
    }
}
