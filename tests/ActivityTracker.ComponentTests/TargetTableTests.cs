using ActivityTracker.Components.Dashboards;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;

namespace ActivityTracker.ComponentTests;

public sealed class TargetTableTests : ComponentTest
{
    static readonly IReadOnlyDictionary<string, IndicatorDefinition> Indicators = new Dictionary<string, IndicatorDefinition>
    {
        ["jobfair-hired"] = new(Guid.NewGuid(), "jobfair-hired", "People hired through job fairs", "Personas contratadas gracias a ferias de empleo",
            "people", AggregationRule.Sum, [], ["job-fair"]),
    };

    [Theory]
    [InlineData("en", "People hired through job fairs", "33 % of the target (all reported)")]
    [InlineData("es", "Personas contratadas gracias a ferias de empleo", "33 % de la meta (todo lo reportado)")]
    public void shows_each_target_with_its_actuals_and_a_progress_bar(string culture, string indicator, string progress)
    {
        UseCulture(culture);

        var cut = Render<TargetTable>(p => p
            .Add(t => t.Targets, [new TargetProgress("jobfair-hired", "2019", 100, 33, 0), new TargetProgress("jobfair-hired", "2019-Q1", 20, 33, 33)])
            .Add(t => t.Indicators, Indicators));

        var year = cut.Find("[data-testid=target-jobfair-hired-2019]");
        Assert.Equal([indicator, "2019", "100", "33", "0"], year.QuerySelectorAll("td").Take(5).Select(td => td.TextContent));
        Assert.Equal(progress, year.QuerySelector("[role=progressbar]")!.GetAttribute("aria-label"));
        Assert.Equal("33", year.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        // Over the target: the bar is full, the figure says by how much.
        var quarter = cut.Find("[data-testid=target-jobfair-hired-2019-Q1]");
        Assert.Equal("100", quarter.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Contains("165 %", quarter.TextContent);
    }

    [Fact]
    public void says_so_when_the_programme_has_no_targets()
    {
        UseCulture("en");

        var cut = Render<TargetTable>(p => p.Add(t => t.Targets, []).Add(t => t.Indicators, Indicators));

        Assert.Equal("No targets have been set for this programme.", cut.Find("[data-testid=targets-empty]").TextContent);
        Assert.Empty(cut.FindAll("[role=progressbar]"));
    }
}
