using ActivityTracker.Decisions;
using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Organisations.Listing;

public static class ListOrganisationsEndpoint
{
    /// <summary>The longest search text: a name is at most <see cref="OrganisationDetails.NameMaxLength"/> characters.</summary>
    public const int SearchMaxLength = OrganisationDetails.NameMaxLength;

    public static ProblemDetails Validate(string? q) => new FieldErrors()
        .When(q?.Length > SearchMaxLength, "q", Messages.Text("Export_SearchTooLong", SearchMaxLength))
        .ToProblemDetails(Messages.Text("Problem_OrganisationSearch"));

    /// <summary>
    /// Organisations by name; <c>?q=</c> keeps those whose name, acronym or an alias has words beginning with what was typed, in
    /// any case and with or without accents, acronyms first (<see cref="OrganisationSearch"/>, as the log form's picker finds them).
    /// </summary>
    [WolverineGet("/api/organisations", Name = "ListOrganisations"), Tags("Organisations")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IReadOnlyList<OrganisationDetails>> Get(string? q, IQuerySession session, CancellationToken ct) =>
        // The directory of partners is reference data (hundreds): ranked in memory by the one search the form uses too.
        OrganisationSearch.Find(q, await session.Query<OrganisationDetails>().ToListAsync(ct));
}
