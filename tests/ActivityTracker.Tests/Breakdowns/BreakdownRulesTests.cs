using ActivityTracker.Breakdowns;
using ActivityTracker.Breakdowns.Defining;
using ActivityTracker.Breakdowns.Revising;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using static ActivityTracker.Tests.Infrastructure.ActivityScenarios;

namespace ActivityTracker.Tests.Breakdowns;

// Defining and revising breakdown dimensions: pure rules, no database.
public class BreakdownRulesTests
{
    static readonly IReadOnlyDictionary<string, IndicatorDefinition> Indicators = new Dictionary<string, IndicatorDefinition>(TestCatalog.Indicators, StringComparer.OrdinalIgnoreCase)
    {
        ["arrivals-change"] = new(IndicatorDefinition.IdFor("arrivals-change"), "arrivals-change", "Change", "Variación", "arrivals",
            AggregationRule.WeightedMean, [], [], IndicatorMeasure.Percentage, "arrivals the year before"),
    };

    static DefineBreakdown Institution() => new(" Institution ", "Institution", "Institución", DimensionValues.Organisations, Participants: true,
        Indicators: ["JOBFAIR-HIRED"]);

    static DefineBreakdown EmployerSize() => new("employer-size", "Employer size", "Tamaño del empleador", DimensionValues.List,
        [new DimensionCategoryInput("Small", " Small ", "Pequeño"), new DimensionCategoryInput("large", "Large", "Grande")], Indicators: ["jobfair-hired"]);

    static BreakdownDimension Current(DefineBreakdown define)
    {
        var e = (BreakdownDimensionDefined)define.Decide(Indicators).Registered();
        return new BreakdownDimension(e.DimensionId, e.Code, e.NameEn, e.NameEs, e.Values, e.Categories, e.Participants, e.Indicators) { Version = 1 };
    }

    static IEnumerable<string> Fields(Decision decision) => InvalidFields(decision);

    [Fact]
    public void a_dimension_of_organisations_is_defined_in_canonical_spelling()
    {
        var defined = Assert.IsType<BreakdownDimensionDefined>(Institution().Decide(Indicators).Registered());

        Assert.Equal(("institution", DimensionValues.Organisations, true), (defined.Code, defined.Values, defined.Participants));
        Assert.Equal(["jobfair-hired"], defined.Indicators);
        Assert.Equal(BreakdownDimension.IdFor("INSTITUTION"), defined.DimensionId);
        Assert.Empty(defined.Categories);
    }

    [Fact]
    public void a_list_dimension_keeps_its_categories_trimmed_and_lower_case()
    {
        var defined = Assert.IsType<BreakdownDimensionDefined>(EmployerSize().Decide(Indicators).Registered());

        Assert.Equal([new DimensionCategory("small", "Small", "Pequeño"), new DimensionCategory("large", "Large", "Grande")], defined.Categories);
        Assert.False(defined.Participants);
    }

    [Fact]
    public void a_definition_names_each_bad_field()
    {
        Assert.Equal(["code", "nameEn", "nameEs", "values"], Fields(new DefineBreakdown("X", null, " ", null).Decide(Indicators)));
        Assert.Equal(["code"], Fields((Institution() with { Code = "Sex" }).Decide(Indicators)));
        // Unknown, a percentage (never broken down), and a code listed twice.
        Assert.Equal(["indicators[0]", "indicators[1]"], Fields((Institution() with { Indicators = ["no-such", "arrivals-change"] }).Decide(Indicators)));
        Assert.Equal(["indicators[1]"], Fields((Institution() with { Indicators = ["jobfair-hired", "JOBFAIR-HIRED"] }).Decide(Indicators)));
    }

    [Fact]
    public void organisations_come_from_the_directory_and_a_list_has_its_own_categories()
    {
        Assert.Equal(["categories"], Fields((Institution() with { Categories = [new DimensionCategoryInput("inm", "INM", "INM")] }).Decide(Indicators)));
        Assert.Equal(["categories"], Fields((EmployerSize() with { Categories = [] }).Decide(Indicators)));
        Assert.Equal(["categories[1].code", "categories[1].nameEs"],
            Fields((EmployerSize() with { Categories = [new DimensionCategoryInput("small", "Small", "Pequeño"), new DimensionCategoryInput("SMALL", "Small", null)] }).Decide(Indicators)));
        var many = Enumerable.Range(0, BreakdownDimension.CategoriesMax + 1).Select(i => new DimensionCategoryInput($"c{i}", "C", "C")).ToArray();
        Assert.Equal(["categories"], Fields((EmployerSize() with { Categories = many }).Decide(Indicators)));
    }

    [Fact]
    public void a_revision_renames_adds_categories_and_changes_where_it_applies()
    {
        var revised = Assert.IsType<BreakdownDimensionRevised>(Assert.Single(Accepted(new ReviseBreakdown(1, NameEn: "Employer's size",
            Categories: [new DimensionCategoryInput("small", "Small (under 50)", "Pequeño"), new DimensionCategoryInput("large", "Large", "Grande"),
                new DimensionCategoryInput("medium", "Medium", "Mediano")], Participants: true, Indicators: []).Decide(Current(EmployerSize()), Indicators))));

        Assert.Equal(("Employer's size", "Tamaño del empleador", 3, true, 0),
            (revised.NameEn, revised.NameEs, revised.Categories.Count, revised.Participants, revised.Indicators.Count));
    }

    [Fact]
    public void a_revision_never_removes_a_category()
    {
        var errors = Assert.IsType<Decision.Invalid>(new ReviseBreakdown(1, Categories: [new DimensionCategoryInput("small", "Small", "Pequeño")])
            .Decide(Current(EmployerSize()), Indicators)).Errors.ByField;

        Assert.Contains("large", Assert.Single(errors["categories"]));
    }

    [Fact]
    public void a_revision_that_changes_nothing_is_refused()
    {
        Assert.Contains("institution", Refusal(new ReviseBreakdown(1, NameEn: "Institution", Participants: true).Decide(Current(Institution()), Indicators)));
        Assert.Equal(["indicators[0]"], Fields(new ReviseBreakdown(1, Indicators: ["arrivals-change"]).Decide(Current(Institution()), Indicators)));
    }
}
