using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Components.Dashboards;
using ActivityTracker.Dashboards;
using ActivityTracker.Indicators;

namespace ActivityTracker.ComponentTests;

/// <summary>A country's "Taking part" section: the figures of what it took part in elsewhere, or its empty state, in both languages.</summary>
public sealed class TakingPartSectionTests : ComponentTest
{
    static readonly IReadOnlyDictionary<string, IndicatorDefinition> NoIndicators = new Dictionary<string, IndicatorDefinition>();

    static readonly Figures OneMeeting = new(1, 0, 40, 0,
        new Dictionary<string, int> { ["meeting"] = 1 }, new Dictionary<string, int> { ["Implementation"] = 1 }, [], []);

    static readonly ActivityDetails MeetingInMexico = new()
    {
        Id = Guid.CreateVersion7(), Kind = "meeting", Title = "Regional meeting on labour migration", ProgrammeCode = "MESO-CARIB",
        ActualStart = new DateOnly(2019, 3, 12), Location = new Location("MX", null, "Tapachula", null, null), ParticipatingCountries = ["HN", "GT"],
        Participants = new ParticipantsReport(40, false, [], null, []),
    };

    static SliceView View(Figures figures, params ActivityDetails[] recent)
    {
        var slice = new DashboardSlice("country:HN", Dimensions.Country, "HN", figures, Figures.Empty, 7, null);
        var read = new DashboardRead(NoIndicators, new CubeCuts(figures.Activities == 0 ? null : slice, new Dictionary<string, IReadOnlyList<DashboardSlice>>()), false);
        return new SliceView(read, slice, [], recent);
    }

    [Fact]
    public void shows_the_activities_hosted_elsewhere_that_the_country_took_part_in_with_exports_of_that_role()
    {
        var cut = Render<TakingPartSection>(p => p.Add(s => s.Country, "HN").Add(s => s.Name, "Honduras").Add(s => s.View, View(OneMeeting, MeetingInMexico)));

        var section = cut.Find("section[data-testid=taking-part]");
        Assert.Equal("Taking part", section.QuerySelector("h2")!.TextContent);
        Assert.Contains("that Honduras took part in", section.TextContent);
        Assert.Equal("1", section.QuerySelector("[data-testid=figures-all] [data-testid=activities]")!.TextContent);
        Assert.Equal("40", section.QuerySelector("[data-testid=figures-all] [data-testid=participants]")!.TextContent);
        // The activity's host is the country shown beside it.
        var row = section.QuerySelector("[data-testid=slice-activities] tbody tr")!;
        Assert.Contains("Regional meeting on labour migration", row.TextContent);
        Assert.Contains("Mexico", row.TextContent);
        // Headings nest under the section's: h3 for the figures.
        Assert.NotEmpty(section.QuerySelectorAll("h3"));
        Assert.Empty(section.QuerySelectorAll("[data-testid=figures-all] h2"));
        Assert.Equal("api/exports/activities.csv?country=HN&role=taking-part", section.QuerySelector("[data-testid=export-csv]")!.GetAttribute("href"));
        Assert.Equal("api/exports/dashboards/countries.csv?country=HN&role=taking-part", section.QuerySelector("[data-testid=export-dashboard-csv]")!.GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=taking-part-empty]"));
    }

    [Fact]
    public void renders_again_only_for_another_view_of_the_country()
    {
        var view = View(OneMeeting, MeetingInMexico);
        var cut = Render<TakingPartSection>(p => p.Add(s => s.Country, "HN").Add(s => s.Name, "Honduras").Add(s => s.View, view));
        var renders = cut.RenderCount;

        // The page refreshed its hosted section only: this one is handed the view it shows.
        cut.Render(p => p.Add(s => s.View, view));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(s => s.View, View(OneMeeting with { Participants = 52 }, MeetingInMexico)));
        Assert.True(cut.RenderCount > renders);
        Assert.Equal("52", cut.Find("[data-testid=figures-all] [data-testid=participants]").TextContent);
    }

    [Theory]
    [InlineData("en", "Taking part", "Honduras has taken part in no activity hosted elsewhere within your programmes and countries yet.")]
    [InlineData("es", "Como participante", "Honduras todavía no ha participado en ninguna actividad organizada en otro país dentro de sus programas y países.")]
    public void says_so_when_the_country_took_part_in_nothing_hosted_elsewhere(string culture, string heading, string empty)
    {
        UseCulture(culture);

        var cut = Render<TakingPartSection>(p => p.Add(s => s.Country, "HN").Add(s => s.Name, "Honduras").Add(s => s.View, View(Figures.Empty)));

        Assert.Equal(heading, cut.Find("h2").TextContent);
        Assert.Equal(empty, cut.Find("[data-testid=taking-part-empty]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=figures-all]"));
        Assert.Empty(cut.FindAll("[data-testid=export-links]"));
    }
}
