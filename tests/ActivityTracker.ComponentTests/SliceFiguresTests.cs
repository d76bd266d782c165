using ActivityTracker.Activities;
using ActivityTracker.Breakdowns;
using ActivityTracker.Components.Dashboards;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;

namespace ActivityTracker.ComponentTests;

public sealed class SliceFiguresTests : ComponentTest
{
    static readonly Figures Reported = new(4, 1, 17, 2,
        new Dictionary<string, int> { ["congress"] = 1, ["job-fair"] = 3 },
        new Dictionary<string, int> { ["Finalisation"] = 4 },
        [new ReachCell(Sex.Female, AgeBand.Adults, 10), new ReachCell(Sex.Male, AgeBand.Children, 5), new ReachCell(null, null, 2)],
        [new OutcomeFigure("countries-represented", AggregationRule.MaximumPerLocation, 9, [], IsMinimum: true)]);

    static readonly IReadOnlyDictionary<string, IndicatorDefinition> Indicators = new Dictionary<string, IndicatorDefinition>
    {
        ["countries-represented"] = new(Guid.NewGuid(), "countries-represented", "Countries represented", "Países representados", "countries",
            AggregationRule.MaximumPerLocation, [], []),
    };

    static string[][] Rows(AngleSharp.Dom.IElement table) =>
        table.QuerySelectorAll("tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToArray();

    [Fact]
    public void shows_reach_by_sex_and_age_band_and_each_outcome_with_its_rule_apart_from_the_approved_figures()
    {
        UseCulture("es");

        var cut = Render<SliceFigures>(p => p
            .Add(f => f.Slice, new DashboardSlice("country:GT", Dimensions.Country, "GT", Reported, Figures.Empty, 9, null))
            .Add(f => f.Indicators, Indicators));

        var all = cut.Find("[data-testid=figures-all]");
        Assert.Equal("17", all.QuerySelector("[data-testid=participants]")!.TextContent);
        // A cancelled activity is named apart, beside the four counted.
        Assert.Equal(("4", "Canceladas (no se cuentan)", "1"), (all.QuerySelector("[data-testid=activities]")!.TextContent,
            all.QuerySelector("[data-testid=cancelled]")!.ParentElement!.QuerySelector("th")!.TextContent, all.QuerySelector("[data-testid=cancelled]")!.TextContent));
        Assert.Equal(
            [
                ["Sexo \\ grupo de edad", "Niñas, niños y adolescentes (0–17)", "Personas adultas (18–59)", "No se sabe", "Total"],
                ["Femenino", "0", "10", "0", "10"],
                ["Masculino", "5", "0", "0", "5"],
                ["No se sabe", "0", "0", "2", "2"],
                ["Total", "5", "10", "2", "17"],
            ],
            Rows(all.QuerySelector("[data-testid=reach]")!));
        Assert.Equal([["Indicador", "Valor", "Cómo se agregan los reportes"], ["Países representados", "≥ 9", "Mayor reporte por lugar"]],
            Rows(all.QuerySelector("[data-testid=outcomes]")!));

        // Nothing approved yet: the approved column says so instead of empty tables.
        var approved = cut.Find("[data-testid=figures-approved]");
        Assert.Equal("0", approved.QuerySelector("[data-testid=activities]")!.TextContent);
        Assert.Null(approved.QuerySelector("[data-testid=cancelled]"));
        Assert.Contains("No se reportó ningún desglose por sexo y grupo de edad.", approved.TextContent);
        Assert.Contains("No se han reportado resultados.", approved.TextContent);
    }

    [Fact]
    public void a_percentage_and_an_average_say_what_they_are_and_how_many_reports_they_weigh()
    {
        UseCulture("es");
        var indicators = new Dictionary<string, IndicatorDefinition>
        {
            ["daily-arrivals"] = new(Guid.NewGuid(), "daily-arrivals", "Arrivals a day", "Llegadas por día", "arrivals", AggregationRule.WeightedMean, [], [],
                IndicatorMeasure.Average, "day"),
            ["arrivals-change"] = new(Guid.NewGuid(), "arrivals-change", "Change", "Variación", "arrivals", AggregationRule.WeightedMean, [], [],
                IndicatorMeasure.Percentage, "arrivals the year before"),
        };
        var figures = Figures.Empty with
        {
            Outcomes =
            [
                new OutcomeFigure("arrivals-change", AggregationRule.WeightedMean, null, [], Reports: 2),
                new OutcomeFigure("daily-arrivals", AggregationRule.WeightedMean, 105.5m, [], Reports: 3, Weighed: 2, Base: 40),
            ],
        };

        var cut = Render<SliceFigures>(p => p
            .Add(f => f.Slice, new DashboardSlice("country:GT", Dimensions.Country, "GT", figures, Figures.Empty, 9, null))
            .Add(f => f.Indicators, indicators));

        var rows = Rows(cut.Find("[data-testid=figures-all] [data-testid=outcomes]"));
        Assert.Equal(["Variación", "por actividad", "Media ponderada por la base de cada reporte2 reportes, ninguno con base: vea cada actividad"], rows[1]);
        Assert.Equal(["Llegadas por día", "105,5 / day", "Media ponderada por la base de cada reporteponderada con 2 de 3 reportes (los que tienen base)"], rows[2]);
    }

    [Fact]
    public void parts_along_a_defined_dimension_show_by_name_with_what_is_not_stated()
    {
        UseCulture("es");
        var figures = Reported with
        {
            Participants = 80,
            ParticipantParts = [new Part("institution", "inm-mx", 45)],
            Outcomes = [new OutcomeFigure("countries-represented", AggregationRule.MaximumPerLocation, 9, [], Parts: [new Part("institution", "inm-mx", 4)])],
        };
        var names = new PartNames(
            new Dictionary<string, BreakdownDimension>
            {
                ["institution"] = new(Guid.NewGuid(), "institution", "Institution", "Institución", DimensionValues.Organisations, [], true, ["countries-represented"]),
            },
            new Dictionary<string, OrganisationDetails>
            {
                ["inm-mx"] = new(Guid.NewGuid(), "inm-mx", "Instituto Nacional de Migración", "INM", [], null, OrganisationType.Government, null),
            });

        var cut = Render<SliceFigures>(p => p
            .Add(f => f.Slice, new DashboardSlice("country:MX", Dimensions.Country, "MX", figures, Figures.Empty, 9, null))
            .Add(f => f.Indicators, Indicators)
            .Add(f => f.Parts, names));

        Assert.Equal("Institución: INM 45 · no indicado 35", cut.Find("[data-testid=parts-all-participants-institution]").TextContent.Trim());
        Assert.Equal("Institución: INM 4 · no indicado 5", cut.Find("[data-testid=parts-all-countries-represented-institution]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid^=parts-approved]"));
    }
}
