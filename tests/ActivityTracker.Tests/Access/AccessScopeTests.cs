using System.Security.Claims;
using ActivityTracker.Access;

namespace ActivityTracker.Tests.Access;

public class AccessScopeTests
{
    static AccessScope Scope(string[] roles, string[] programmes, string[] countries) => AccessScope.Of(new ClaimsPrincipal(new ClaimsIdentity(
        roles.Select(r => new Claim(ClaimTypes.Role, r))
            .Concat(programmes.Select(p => new Claim(ScopeClaims.Programme, p)))
            .Concat(countries.Select(c => new Claim(ScopeClaims.Country, c))), "test")));

    [Fact]
    public void no_scope_at_all_covers_nothing()
    {
        var none = Scope([Roles.Officer], [], []);

        Assert.False(none.Covers("MESO-CARIB", "MX", []));
    }

    [Fact]
    public void a_country_officer_covers_every_programme_there_and_regional_activities_the_country_joins()
    {
        var mexico = Scope([Roles.Officer], [], ["MX"]);

        Assert.True(mexico.Covers("AVR-CARAVANS", "MX", []));
        Assert.True(mexico.Covers("AVR-CARAVANS", null, ["GT", "MX"]));
        Assert.False(mexico.Covers("MESO-CARIB", "GT", []));
        Assert.False(mexico.Covers("MESO-CARIB", null, []));
    }

    [Fact]
    public void writes_need_the_host_country_and_only_a_regional_activity_may_rely_on_a_country_taking_part()
    {
        var mexico = Scope([Roles.Officer], [], ["MX"]);

        Assert.True(mexico.MayWrite("MESO-CARIB", "MX", []));
        Assert.True(mexico.MayWrite("MESO-CARIB", null, ["GT", "MX"]));
        Assert.False(mexico.MayWrite("MESO-CARIB", "GT", ["MX"]));
        Assert.True(mexico.Covers("MESO-CARIB", "GT", ["MX"]));
        Assert.False(mexico.MayWrite("MESO-CARIB", null, ["GT"]));
        Assert.False(Scope([Roles.Officer], ["AVR-CARAVANS"], []).MayWrite("MESO-CARIB", "MX", []));
        Assert.True(Scope([Roles.Officer], ["AVR-CARAVANS"], []).MayWrite("AVR-CARAVANS", "HN", []));
    }

    [Fact]
    public void a_programme_officer_covers_that_programme_everywhere_and_no_other()
    {
        var programme = Scope([Roles.Officer], ["AVR-CARAVANS"], []);

        Assert.True(programme.Covers("AVR-CARAVANS", "HN", []));
        Assert.False(programme.Covers("MESO-CARIB", "HN", []));
    }

    [Fact]
    public void both_dimensions_must_match_when_both_are_assigned()
    {
        var both = Scope([Roles.Officer], ["MESO-CARIB"], ["CR"]);

        Assert.True(both.Covers("MESO-CARIB", "CR", []));
        Assert.False(both.Covers("MESO-CARIB", "MX", []));
        Assert.False(both.Covers("AVR-CARAVANS", "CR", []));
    }

    [Fact]
    public void administrators_read_everything()
    {
        Assert.True(Scope([Roles.Admin], [], []).Covers("ANY", null, []));
    }
}
