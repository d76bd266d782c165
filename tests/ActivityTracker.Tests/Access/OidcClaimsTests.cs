using System.Security.Claims;
using ActivityTracker.Access;

namespace ActivityTracker.Tests.Access;

public class OidcClaimsTests
{
    static readonly OidcOptions Entra = new()
    {
        RoleClaim = "roles",
        ProgrammeClaim = "programmes",
        CountryClaim = "countries",
        RoleNames = new(StringComparer.OrdinalIgnoreCase) { ["ActivityTracker.Officer"] = "officer", ["ActivityTracker.Manager"] = "manager" },
    };

    static ClaimsPrincipal External(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));

    [Fact]
    public void provider_roles_and_scope_become_ours_and_unknown_roles_are_dropped()
    {
        var mapped = OidcClaims.Map(External(
            ("email", "ana@iom.int"), ("roles", "ActivityTracker.Officer"), ("roles", "Global.Admin"),
            ("programmes", "meso-carib"), ("countries", "mx gt")), Entra);

        var scope = AccessScope.Of(mapped);
        Assert.Equal("ana@iom.int", mapped.Identity!.Name);
        Assert.Equal(["officer"], scope.Roles);
        Assert.Equal(["MESO-CARIB"], scope.Programmes);
        Assert.Equal(["GT", "MX"], scope.Countries.Order());
        Assert.True(scope.Covers("MESO-CARIB", "MX", []));
        Assert.False(scope.Covers("MESO-CARIB", "HN", []));
    }

    [Fact]
    public void a_provider_user_without_mapped_roles_or_scope_gets_nothing()
    {
        var scope = AccessScope.Of(OidcClaims.Map(External(("preferred_username", "guest"), ("roles", "Reader")), Entra));

        Assert.Empty(scope.Roles);
        Assert.False(scope.Covers("MESO-CARIB", "MX", []));
    }

    [Fact]
    public void all_programmes_is_kept_as_the_wildcard()
    {
        var scope = AccessScope.Of(OidcClaims.Map(External(("email", "m@iom.int"), ("roles", "ActivityTracker.Manager"), ("programmes", "*")), Entra));

        Assert.True(scope.AllProgrammes && scope.AllCountries);
    }
}
