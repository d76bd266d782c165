using ActivityTracker.Access;

namespace ActivityTracker.Dashboards;

/// <summary>
/// What the hosted and taking-part partner cells (<see cref="PartnerCell.Shapes"/>) answer of a read of whole years or the whole
/// history that names at most one country, the reader's or the filter's: the hosted cells (when <see cref="Hosted"/>) whose host is
/// <see cref="Host"/> (null: any host), and the cells of <see cref="Part"/> taking part (null: none). The two never hold the same
/// activity (a country taking part is never its host).
/// </summary>
public sealed record PartnerPlan(bool Hosted, string? Host, string? Part)
{
    /// <summary>
    /// The plan for a read, or null when the full cells answer it: a reader of several countries, another country than the reader's as host,
    /// or a country taking part the reader may not see whole.
    /// </summary>
    public static PartnerPlan? For(DashboardFilter filter, AccessScope scope)
    {
        if (!scope.AllCountries && scope.Countries.Count != 1)
            return null;
        var reader = scope.AllCountries ? null : scope.Countries.Single().ToUpperInvariant();
        var country = filter.Country?.ToUpperInvariant();
        if (reader is not null && country is not null && reader != country)
            return null;
        // By host: hosted in the filter's country or the reader's, and what the reader's takes part in elsewhere.
        if (country is null || filter.Role == CountryRole.Host)
            return new PartnerPlan(Hosted: true, country ?? reader, Part: country is null ? reader : null);
        // Taking part (or either role) in one country.
        return new PartnerPlan(Hosted: filter.Role == CountryRole.Any, filter.Role == CountryRole.Any ? country : null, Part: country);
    }
}
