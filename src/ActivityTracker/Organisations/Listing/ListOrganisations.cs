using Marten;
using Wolverine.Http;

namespace ActivityTracker.Organisations.Listing;

public static class ListOrganisationsEndpoint
{
    /// <summary>Organisations by name; <c>?q=</c> keeps those whose name, acronym or an alias contains it (case-insensitive).</summary>
    [WolverineGet("/api/organisations", Name = "ListOrganisations"), Tags("Organisations")]
    public static async Task<IReadOnlyList<OrganisationDetails>> Get(string? q, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<OrganisationDetails>();
        if (string.IsNullOrWhiteSpace(q))
            return await query.OrderBy(o => o.Name).ToListAsync(ct);

        var text = q.Trim();
        return await query
            .Where(o => o.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                        || (o.Acronym != null && o.Acronym.Contains(text, StringComparison.OrdinalIgnoreCase))
                        || o.Aliases.Any(a => a.Contains(text, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(o => o.Name)
            .ToListAsync(ct);
    }
}
