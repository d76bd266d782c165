using System.Security.Claims;

namespace ActivityTracker.Access;

/// <summary>The roles of the product. Role names are lower-case in tokens and claims.</summary>
public static class Roles
{
    public const string Officer = "officer";
    public const string Manager = "manager";
    public const string Admin = "admin";
    /// <summary>Every role, for <c>[Authorize(Roles = ...)]</c> on what any signed-in user may read (their scope still applies).</summary>
    public const string Any = Officer + "," + Manager + "," + Admin;

    public static readonly IReadOnlyList<string> All = [Officer, Manager, Admin];
}

/// <summary>Claim types that carry a user's scope; the value is a code or <c>*</c> for all.</summary>
public static class ScopeClaims
{
    public const string Programme = "programme";
    public const string Country = "country";
    public const string All = "*";
}

/// <summary>
/// What a user may see and touch: their roles, and the programmes and countries they are
/// assigned. A user with neither programmes nor countries sees nothing (deny by default);
/// a dimension left empty while the other is set is not restricted, so "officer for
/// Mexico" covers every programme in Mexico. Administrators read everything.
/// </summary>
public sealed record AccessScope(IReadOnlySet<string> Roles, IReadOnlySet<string> Programmes, IReadOnlySet<string> Countries)
{
    public static AccessScope Of(ClaimsPrincipal user) => new(
        Values(user, ClaimTypes.Role, StringComparer.OrdinalIgnoreCase),
        Values(user, ScopeClaims.Programme, StringComparer.OrdinalIgnoreCase),
        Values(user, ScopeClaims.Country, StringComparer.OrdinalIgnoreCase));

    static HashSet<string> Values(ClaimsPrincipal user, string type, StringComparer comparer) =>
        user.FindAll(type).Select(c => c.Value.Trim()).Where(v => v.Length > 0).ToHashSet(comparer);

    public bool IsAdmin => Roles.Contains(Access.Roles.Admin);

    bool AssignedAnything => Programmes.Count > 0 || Countries.Count > 0;

    /// <summary>Every programme (no programme restriction).</summary>
    public bool AllProgrammes => IsAdmin || (AssignedAnything && (Programmes.Count == 0 || Programmes.Contains(ScopeClaims.All)));

    /// <summary>Every country (no country restriction).</summary>
    public bool AllCountries => IsAdmin || (AssignedAnything && (Countries.Count == 0 || Countries.Contains(ScopeClaims.All)));

    public bool CoversProgramme(string programme) => AllProgrammes || Programmes.Contains(programme);

    /// <summary>The read rule: a host country, or any participating country, in scope.</summary>
    public bool CoversPlace(string? hostCountry, IEnumerable<string> participatingCountries) =>
        AllCountries || (hostCountry is not null && Countries.Contains(hostCountry)) || participatingCountries.Any(Countries.Contains);

    /// <summary>Whether the user may read a record of this programme and these places.</summary>
    public bool Covers(string programme, string? hostCountry, IEnumerable<string> participatingCountries) =>
        CoversProgramme(programme) && CoversPlace(hostCountry, participatingCountries);

    /// <summary><c>complete</c> when the user sees every programme and country, else <c>filtered</c>: what a dashboard says of its figures.</summary>
    public string Coverage => AllProgrammes && AllCountries ? "complete" : "filtered";

    /// <summary>
    /// The write rule, narrower than the read rule: the host country must be in scope; only a regional
    /// activity (no host) may rely on a participating country. Taking part in a meeting hosted elsewhere
    /// lets an officer read it, not record or change what counts on the host's dashboard.
    /// </summary>
    public bool MayWrite(string programme, string? hostCountry, IEnumerable<string> participatingCountries) =>
        CoversProgramme(programme)
        && (AllCountries || (hostCountry is not null ? Countries.Contains(hostCountry) : participatingCountries.Any(Countries.Contains)));
}
