using System.Globalization;
using ActivityTracker.Access;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Activities.Listing;
using ActivityTracker.Dashboards;
using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using ActivityTracker.Reference;
using Marten;
using Marten.Linq.MatchesSql;

namespace ActivityTracker.Exchange.Exports;

/// <summary>
/// Which activities an export holds, besides the user's scope: the dashboards' filters (activities
/// that took place, or were planned, on any day between <paramref name="From"/> and <paramref name="To"/>: a six-month
/// survey is in every range it overlaps), of a
/// programme, country or kind, the country in its <paramref name="Role"/>: <c>host</c> (the default), <c>taking-part</c>
/// or <c>any</c>), an IATI <paramref name="Status"/> (name or code) and a <paramref name="Search"/> in the title, as the
/// activity list searches. Every part is optional.
/// </summary>
public sealed record ExportFilter(DateOnly? From, DateOnly? To, string? Programme, string? Country, string? Kind, string? Status, string? Search,
    string? Role = null)
{
    public const int SearchMaxLength = 200;

    public static ExportFilter None { get; } = new(null, null, null, null, null, null, null);

    DashboardFilter Dashboard => DashboardFilter.Of(From, To, Programme, Country, Kind, asOf: null, Role);

    /// <summary>The status asked for: a name (<c>implementation</c>) or the IATI code (<c>2</c>); null when none or unknown.</summary>
    public ActivityStatus? StatusCode =>
        Status is not null && Enum.TryParse<ActivityStatus>(Status, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;

    /// <summary>The dashboards' own checks (unknown programme, country, kind or role, a backwards range), then status and search; each names its parameter.</summary>
    public async Task<FieldErrors> CheckAsync(IQuerySession session, ReferenceData codes, CancellationToken ct)
    {
        var errors = await Dashboard.CheckAsync(session, codes, ct);
        errors.When(Status is not null && StatusCode is null, "status",
            Messages.Text("Export_NotAStatus", Status, string.Join(", ", Enum.GetValues<ActivityStatus>().Select(s => $"{s} ({(int)s})"))));
        errors.When(Search?.Length > SearchMaxLength, "search", Messages.Text("Export_SearchTooLong", SearchMaxLength));
        return errors;
    }

    /// <summary>
    /// The activities in <paramref name="scope"/> matching the filter, newest first (the list's order), as a
    /// database query: exports stream it instead of loading every activity at once.
    /// </summary>
    public IQueryable<ActivityDetails> Query(IQuerySession session, AccessScope scope)
    {
        // A duplicate leaves every export: the original reports it.
        var query = session.Query<ActivityDetails>().InScopeOf(scope).Where(a => a.DuplicateOf == null);
        // The activities whose days overlap the range: those it took place on, else those planned. One still under way
        // (held, no end yet) reaches every day since it began; a planned one with no end is its first day.
        if (From is { } from)
            query = query.Where(a => (a.ActualStart != null && (a.ActualEnd == null || a.ActualEnd >= from))
                || (a.ActualStart == null && (a.PlannedEnd >= from || (a.PlannedEnd == null && a.PlannedStart >= from))));
        if (To is { } to)
            query = query.Where(a => a.ActualStart <= to || (a.ActualStart == null && a.PlannedStart <= to));
        if (Programme is not null)
        {
            var programme = Programmes.ProgrammeDetails.Canonical(Programme);
            query = query.Where(a => a.ProgrammeCode == programme);
        }
        if (Country is not null)
        {
            // The dashboards' rule (DashboardFilter.Matches): a country taking part is one listed that does not host it.
            var country = Country.Trim().ToUpperInvariant();
            string[] countries = [country];
            query = Dashboard.Role switch
            {
                CountryRole.Host => query.Where(a => a.Location.CountryCode == country),
                CountryRole.TakingPart => query.Where(a => a.MatchesSql("(d.participating_countries && ? and d.location_country_code is distinct from ?)", countries, country)),
                _ => query.Where(a => a.MatchesSql("(d.location_country_code = ? or d.participating_countries && ?)", country, countries)),
            };
        }
        if (Kind is not null)
        {
            var kind = Kind.Trim().ToLowerInvariant();
            query = query.Where(a => a.Kind == kind);
        }
        if (StatusCode is { } status)
            query = query.Where(a => a.Status == status);
        if (!string.IsNullOrWhiteSpace(Search))
            query = query.Where(a => a.Title.Contains(Search, StringComparison.OrdinalIgnoreCase));
        return query.NewestFirst();
    }

    /// <summary>The query string that asks for this filter, for the UI's download links.</summary>
    public string ToQueryString()
    {
        var parts = new (string Name, string? Value)[]
        {
            ("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("programme", Programme), ("country", Country), ("role", Role), ("kind", Kind), ("status", Status), ("search", Search),
        };
        var given = parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
