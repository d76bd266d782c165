using ActivityTracker.Access;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Tests.Dashboards;

// Which partner cells answer a read of whole years or the whole history: the hosted and taking-part cells when at most one
// country is named (the reader's or the filter's), the full cells otherwise. CubeReadProperties checks the figures.
public class PartnerPlanTests
{
    static AccessScope Reader(params string[] countries) =>
        new(new HashSet<string>([Roles.Manager]), new HashSet<string>([ScopeClaims.All]), new HashSet<string>(countries.Length == 0 ? [ScopeClaims.All] : countries));

    static DashboardFilter Country(string? country, CountryRole role = CountryRole.Host) => DashboardFilter.None with { Country = country, Role = role };

    public static TheoryData<string[], string?, CountryRole, string> Plans => new()
    {
        // A reader of every country: hosted cells, by the filter's country as host, or that country's taking part.
        { [], null, CountryRole.Host, "hosted by any, part -" },
        { [], "mx", CountryRole.Host, "hosted by MX, part -" },
        { [], "mx", CountryRole.TakingPart, "part MX" },
        { [], "mx", CountryRole.Any, "hosted by MX, part MX" },
        // A reader of one country: what it hosts and what it takes part in elsewhere; the filter's country the same.
        { ["gt"], null, CountryRole.Host, "hosted by GT, part GT" },
        { ["gt"], "GT", CountryRole.Host, "hosted by GT, part -" },
        { ["gt"], "gt", CountryRole.TakingPart, "part GT" },
        { ["gt"], "gt", CountryRole.Any, "hosted by GT, part GT" },
        // Another country, seen by a reader of one country, and any read by a reader of several: the full cells.
        { ["gt"], "MX", CountryRole.Host, "full" },
        { ["gt"], "mx", CountryRole.TakingPart, "full" },
        { ["gt"], "mx", CountryRole.Any, "full" },
        { ["gt", "mx"], null, CountryRole.Host, "full" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void a_read_naming_at_most_one_country_takes_the_hosted_and_taking_part_cells(string[] countries, string? country, CountryRole role, string expected)
    {
        var plan = PartnerPlan.For(Country(country, role), Reader(countries));
        Assert.Equal(expected, plan is null ? "full" : (plan.Hosted ? $"hosted by {plan.Host ?? "any"}, " : "") + $"part {plan.Part ?? "-"}");
    }

    [Fact]
    public void a_reader_of_no_country_reads_the_full_cells_which_select_nothing()
    {
        var nobody = new AccessScope(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
        Assert.Null(PartnerPlan.For(DashboardFilter.None, nobody));
    }
}
