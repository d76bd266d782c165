using ActivityTracker.Activities.GettingDetails;

namespace ActivityTracker.Dashboards;

/// <summary>
/// How a country relates to an activity in a dashboard: the country that <see cref="Host"/>s it, a country
/// <see cref="TakingPart"/> in an activity hosted elsewhere (or in a regional one), or <see cref="Any"/> of the two.
/// A country is never both for one activity (<see cref="CubeCell.PartsOf"/> leaves the host out), so with
/// <see cref="Any"/> an activity still counts once for a country.
/// </summary>
public enum CountryRole
{
    Host,
    TakingPart,
    Any,
}

public static class CountryRoles
{
    /// <summary>The values of the <c>role</c> parameter, in the order the message lists them.</summary>
    public static readonly IReadOnlyList<string> Names = ["host", "taking-part", "any"];

    /// <summary>The parameter's spelling of a role (<c>host</c>, <c>taking-part</c>, <c>any</c>).</summary>
    public static string Name(this CountryRole role) => Names[(int)role];

    /// <summary>Reads the <c>role</c> parameter in any case; none (or blank) is <see cref="CountryRole.Host"/>, so clients that never send it read what a country hosted.</summary>
    public static bool TryRead(string? text, out CountryRole role)
    {
        role = CountryRole.Host;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(text.Trim(), Names[i], StringComparison.OrdinalIgnoreCase))
            {
                role = (CountryRole)i;
                return true;
            }
        return false;
    }

    /// <summary>Whether <paramref name="country"/> has <paramref name="role"/> in <paramref name="activity"/> (<c>regional</c> hosts those with no host).</summary>
    public static bool Holds(this CountryRole role, ActivityDetails activity, string country) =>
        role != CountryRole.TakingPart && string.Equals(Dimensions.KeyOf(Dimensions.Country, activity), country, StringComparison.OrdinalIgnoreCase)
        || role != CountryRole.Host && CubeCell.PartsOf(activity).Contains(country, StringComparer.OrdinalIgnoreCase);

    /// <summary>The country slices an activity (its host, or <c>regional</c>, and the countries taking part) counts in under a role.</summary>
    public static IEnumerable<string> CountriesOf(this CountryRole role, string host, IEnumerable<string> parts) => role switch
    {
        CountryRole.Host => [host],
        CountryRole.TakingPart => parts,
        _ => parts.Prepend(host),
    };
}
