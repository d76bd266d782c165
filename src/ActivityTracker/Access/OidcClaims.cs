using System.Security.Claims;

namespace ActivityTracker.Access;

/// <summary>
/// Where an OpenID Connect provider puts roles and scope (Entra ID app roles arrive as
/// <c>roles</c>, Keycloak as <c>roles</c> with a client mapper, others differ) and what its
/// role names mean here. Bound from <c>Authentication:Oidc</c>.
/// </summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string RoleClaim { get; set; } = "roles";
    public string ProgrammeClaim { get; set; } = "programmes";
    public string CountryClaim { get; set; } = "countries";
    /// <summary>Provider role name to product role, e.g. <c>"ActivityTracker.Officer": "officer"</c>; unmapped names are used as they are.</summary>
    public Dictionary<string, string> RoleNames { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Turns a provider's principal into ours: name, product roles, programme and country scope. Nothing else is trusted.</summary>
public static class OidcClaims
{
    public static ClaimsPrincipal Map(ClaimsPrincipal external, OidcOptions options)
    {
        var name = external.FindFirst("email")?.Value ?? external.FindFirst(ClaimTypes.Email)?.Value
                   ?? external.FindFirst("preferred_username")?.Value ?? external.Identity?.Name ?? "";
        var identity = new ClaimsIdentity("oidc", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));

        var roles = Values(external, options.RoleClaim)
            .Select(r => options.RoleNames.GetValueOrDefault(r, r).ToLowerInvariant())
            .Where(Roles.All.Contains)
            .Distinct();
        identity.AddClaims(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        identity.AddClaims(Values(external, options.ProgrammeClaim).Select(p => new Claim(ScopeClaims.Programme, p == ScopeClaims.All ? p : p.ToUpperInvariant())));
        identity.AddClaims(Values(external, options.CountryClaim).Select(c => new Claim(ScopeClaims.Country, c == ScopeClaims.All ? c : c.ToUpperInvariant())));
        return new ClaimsPrincipal(identity);
    }

    // Providers send multi-valued claims as repeated claims or as one space/comma separated value.
    static IEnumerable<string> Values(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type).SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
