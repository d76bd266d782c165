using ActivityTracker.Access;

namespace ActivityTracker.Dashboards;

/// <summary>
/// What the hosted and taking-part partner cells (<see cref="PartnerCell.Shapes"/>) answer of a read of whole years or the whole
/// history that names at most one country, the reader's or the filter's: the hosted cells (when <see cref="Hosted"/>) whose host is
/// each of <see cref="Hosts"/> (none: any host), and the cells of <see cref="Part"/> taking part (null: none) whose host is
/// <see cref="PartHost"/> (null: any). The two never hold the same activity (a country taking part is never its host).
/// </summary>
public sealed record PartnerPlan(bool Hosted, IReadOnlyList<string> Hosts, string? Part, string? PartHost)
{
    /// <summary>The plan for a read, or null when the full cells answer it (a reader of several countries, or a country taking part the reader may not see whole).</summary>
    public static PartnerPlan? For(DashboardFilter filter, AccessScope scope)
    {
        if (!scope.AllCountries && scope.Countries.Count != 1)
            return null;
        var reader = scope.AllCountries ? null : scope.Countries.Single().ToUpperInvariant();
        var country = filter.Country?.ToUpperInvariant();
        // By host: hosted in the filter's country and in the reader's, or hosted in the filter's and taken part in by the reader's.
        if (country is null || filter.Role == CountryRole.Host)
            return new PartnerPlan(Hosted: true, [.. new[] { country, reader }.OfType<string>()], Part: reader, PartHost: reader is null ? null : country);
        // Taking part (or either role) in one country: whole only when the reader sees every country, or that one.
        if (reader is not null && reader != country)
            return null;
        return new PartnerPlan(Hosted: filter.Role == CountryRole.Any, filter.Role == CountryRole.Any ? [country] : [], Part: country, PartHost: null);
    }
}
