using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Organisations.GettingDetails;

public static class GetOrganisationEndpoint
{
    /// <summary>One organisation by its code (any case); a merged one names its survivor in <c>mergedIntoCode</c>.</summary>
    [WolverineGet("/api/organisations/{code}", Name = "GetOrganisation"), Tags("Organisations")]
    [ProducesResponseType<OrganisationDetails>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<OrganisationDetails>(OrganisationDetails.IdFor(code), ct) is { } organisation
            ? Results.Ok(organisation)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.About("organisation", "Problem_NotFound"),
                detail: Messages.About("organisation", "Problem_NoSuchCode", code));
}
