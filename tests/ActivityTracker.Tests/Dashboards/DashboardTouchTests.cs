using ActivityTracker.Access;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Tests.Dashboards;

/// <summary>Which changes of the cube an open page is told of: the pure rule, no database.</summary>
public sealed class DashboardTouchTests
{
    static readonly AccessScope Everyone = new(new HashSet<string> { Roles.Manager }, new HashSet<string>(), new HashSet<string> { ScopeClaims.All });

    static AccessScope OfficerOf(string programme, params string[] countries) =>
        new(new HashSet<string> { Roles.Officer }, new HashSet<string>([programme], StringComparer.OrdinalIgnoreCase), new HashSet<string>(countries, StringComparer.OrdinalIgnoreCase));

    /// <summary>A cell id as the projection writes it: programme|host|parts|month|kind|status.</summary>
    static string Cell(string host, string parts = "", string programme = "MESO-CARIB", string month = "2019-02", string kind = "job-fair") =>
        $"cell:{programme}|{host}|{parts}|{month}|{kind}|Completed";

    // A country's page shows what it hosted and what it took part in (CountryDashboard).
    static DashboardInterest CountryPage(string code, CountryRole role = CountryRole.Any) =>
        new(DashboardFilter.None with { Role = role }, new SliceKey(Dimensions.Country, code));

    [Fact]
    public void a_country_page_is_told_of_its_own_cells_and_of_those_it_takes_part_in_only()
    {
        Assert.True(DashboardTouch.Of([Cell("MX")]).Concerns(CountryPage("MX"), Everyone));
        Assert.False(DashboardTouch.Of([Cell("GT"), Cell("HN", parts: "SV")]).Concerns(CountryPage("MX"), Everyone));
        Assert.True(DashboardTouch.Of([Cell(Dimensions.Regional, parts: "GT,MX")]).Concerns(CountryPage("MX"), Everyone));
        Assert.True(DashboardTouch.Of([Cell(Dimensions.Regional)]).Concerns(CountryPage(Dimensions.Regional), Everyone));
    }

    [Fact]
    public void a_country_page_tells_its_hosted_section_from_its_taking_part_section_and_the_months_that_moved()
    {
        var touch = DashboardTouch.Of([Cell("MX", month: "2019-03"), Cell("MX", month: "2019-05"), Cell("GT", parts: "MX", month: "2020-01"), Cell("HN")]);

        Assert.Equal(["2019-03", "2019-05"], touch.MonthsIn(CountryPage("MX", CountryRole.Host), Everyone)!.Order());
        Assert.Equal(["2020-01"], touch.MonthsIn(CountryPage("MX", CountryRole.TakingPart), Everyone)!);
        Assert.Equal(["2019-03", "2019-05", "2020-01"], touch.MonthsIn(CountryPage("MX"), Everyone)!.Order());
        Assert.False(DashboardTouch.Of([Cell("GT", parts: "MX")]).Concerns(CountryPage("MX", CountryRole.Host), Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", parts: "GT")]).Concerns(CountryPage("MX", CountryRole.TakingPart), Everyone));
        Assert.Empty(touch.MonthsIn(CountryPage("BZ"), Everyone)!);
        Assert.Null(DashboardTouch.Everything.MonthsIn(CountryPage("MX"), Everyone));
    }

    [Fact]
    public void a_cube_slice_is_told_of_the_cells_of_its_country_in_its_role()
    {
        DashboardInterest GuatemalaInFebruary(CountryRole role) => new(DashboardFilter.None with { Role = role }, new SliceKey(Dimensions.Cube, "GT|MESO-CARIB|2019-02"));
        var guatemalaInFebruary = GuatemalaInFebruary(CountryRole.Any);

        Assert.True(DashboardTouch.Of([Cell("MX", parts: "GT,HN")]).Concerns(guatemalaInFebruary, Everyone));
        Assert.True(DashboardTouch.Of([Cell("GT")]).Concerns(guatemalaInFebruary, Everyone));
        Assert.True(DashboardTouch.Of([Cell("MX", parts: "GT,HN")]).Concerns(GuatemalaInFebruary(CountryRole.TakingPart), Everyone));
        Assert.False(DashboardTouch.Of([Cell("GT")]).Concerns(GuatemalaInFebruary(CountryRole.TakingPart), Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", parts: "GT,HN")]).Concerns(GuatemalaInFebruary(CountryRole.Host), Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", parts: "GT", month: "2019-03")]).Concerns(guatemalaInFebruary, Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", parts: "HN")]).Concerns(guatemalaInFebruary, Everyone));
    }

    [Fact]
    public void a_page_is_not_told_of_cells_outside_its_readers_scope()
    {
        var guatemala = OfficerOf("MESO-CARIB", "GT");

        Assert.False(DashboardTouch.Of([Cell("MX")]).Concerns(DashboardInterest.All, guatemala));
        Assert.False(DashboardTouch.Of([Cell("GT", programme: "AVR-CARAVANS")]).Concerns(DashboardInterest.All, guatemala));
        Assert.True(DashboardTouch.Of([Cell("MX", parts: "GT")]).Concerns(DashboardInterest.All, guatemala));
        Assert.True(DashboardTouch.Of([Cell("GT")]).Concerns(DashboardInterest.All, guatemala));
    }

    [Fact]
    public void a_filtered_page_is_told_of_the_cells_its_filters_select_including_its_edge_months()
    {
        var trainings = new DashboardInterest(new DashboardFilter(new DateOnly(2019, 2, 15), new DateOnly(2019, 4, 10), "meso-carib", null, "training", null));

        Assert.True(DashboardTouch.Of([Cell("MX", kind: "training", month: "2019-02")]).Concerns(trainings, Everyone));
        Assert.True(DashboardTouch.Of([Cell("MX", kind: "training", month: "2019-04")]).Concerns(trainings, Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", kind: "training", month: "2019-05")]).Concerns(trainings, Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", kind: "training", month: "2019-01")]).Concerns(trainings, Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", kind: "training", month: Dimensions.Undated)]).Concerns(trainings, Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", kind: "job-fair", month: "2019-03")]).Concerns(trainings, Everyone));
        Assert.False(DashboardTouch.Of([Cell("MX", kind: "training", month: "2019-03", programme: "AVR-CARAVANS")]).Concerns(trainings, Everyone));
    }

    [Fact]
    public void a_page_as_of_a_past_instant_is_never_told_and_an_unknown_change_tells_every_other_page()
    {
        var past = new DashboardInterest(DashboardFilter.None with { AsOf = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        Assert.False(DashboardTouch.Of([Cell("MX")]).Concerns(past, Everyone));
        Assert.False(DashboardTouch.Everything.Concerns(past, Everyone));
        Assert.True(DashboardTouch.Everything.Concerns(CountryPage("BZ"), Everyone));
        Assert.True(DashboardTouch.Of([]).IsEmpty);
        Assert.False(DashboardTouch.Everything.IsEmpty);
    }
}
