using ActivityTracker.Components.Map;
using ActivityTracker.Dashboards;

namespace ActivityTracker.ComponentTests;

public sealed class RegionMapTests : ComponentTest
{
    static DashboardSlice Country(string code, int activities, long participants)
    {
        var figures = new Figures(activities, 0, participants, 0, new Dictionary<string, int>(), new Dictionary<string, int>(), [], []);
        return new DashboardSlice(Dimensions.DocumentId(Dimensions.Country, code), Dimensions.Country, code, figures, Figures.Empty, 1, null);
    }

    IRenderedComponent<RegionMap> RenderMap() => Render<RegionMap>(p => p
        .Add(m => m.Countries, [Country("MX", 3, 256), Country("GT", 1, 9), Country(Dimensions.Regional, 2, 1245)])
        .Add(m => m.CoveredCountries, new HashSet<string> { "MX", "GT", "BB" }));

    [Theory]
    [InlineData("en", "Mexico — Activities: 3", "Barbados — Activities: 0", "United States of America — outside your programmes and countries")]
    [InlineData("es", "México — Actividades: 3", "Barbados — Actividades: 0", "Estados Unidos — fuera de sus programas y países")]
    public void draws_a_path_per_country_with_its_title_and_links_the_programme_countries_to_their_dashboards(string culture, string mexico, string barbados, string unitedStates)
    {
        UseCulture(culture);

        var cut = RenderMap();

        // One path per country of the region, each with a title.
        Assert.Equal(Region.Areas.Count, cut.FindAll("svg.region-map path").Count);
        Assert.Equal(Region.Areas.Count, cut.FindAll("svg.region-map title").Count);
        Assert.All(cut.FindAll("svg.region-map path"), p => Assert.StartsWith("M", p.GetAttribute("d")));

        // A country with activities: a link to its dashboard, coloured, named with its figure.
        var mx = cut.Find("svg.region-map a[data-country=MX]");
        Assert.Equal("countries/MX", mx.GetAttribute("href"));
        Assert.Equal(mexico, mx.QuerySelector("title")!.TextContent);
        Assert.Contains(mx.QuerySelector("path")!.GetAttribute("fill"), ColourScale.Palette);

        // A programme country without activities: still a link, grey, and a marker to click on the small island.
        var bb = cut.Find("svg.region-map a[data-country=BB]");
        Assert.Equal(barbados, bb.QuerySelector("title")!.TextContent);
        Assert.Equal(ColourScale.Zero, bb.QuerySelector("path")!.GetAttribute("fill"));
        Assert.NotNull(bb.QuerySelector("circle.marker"));

        // Neighbours drawn for context are not links; the keyboard goes west to east, small islands last.
        var us = cut.Find("svg.region-map path.context[data-country=US]");
        Assert.Equal(unitedStates, us.QuerySelector("title")!.TextContent);
        Assert.Equal(["MX", "GT", "BB"], cut.FindAll("svg.region-map a").Select(a => a.GetAttribute("data-country")));
    }

    [Fact]
    public void the_measure_switch_recolours_by_participants_and_the_legend_follows()
    {
        UseCulture("en");
        var cut = RenderMap();
        // Two countries of the map with a figure: a class each, the darkest for the largest; regional activities are not on the map.
        Assert.Equal(["1", "3", "0", "Outside your programmes and countries"], cut.FindAll("[data-testid=map-legend] .map-legend-item").Select(i => i.TextContent));

        cut.FindAll("[data-testid=map-measure] button").Single(b => b.TextContent.Contains("Participants")).Click();

        Assert.Equal("Mexico — Participants: 256", cut.Find("a[data-country=MX] title").TextContent);
        Assert.Equal("Guatemala — Participants: 9", cut.Find("a[data-country=GT] title").TextContent);
        Assert.Equal(["9", "256", "0", "Outside your programmes and countries"], cut.FindAll("[data-testid=map-legend] .map-legend-item").Select(i => i.TextContent));
        Assert.Equal(ColourScale.Palette[^1], cut.Find("a[data-country=MX] path").GetAttribute("fill"));
    }
}
