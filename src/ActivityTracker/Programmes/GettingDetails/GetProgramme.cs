using ActivityTracker.Localization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ActivityTracker.Programmes.GettingDetails;

public static class GetProgrammeEndpoint
{
    /// <summary>One programme with its countries and current targets, by its code (any case).</summary>
    [WolverineGet("/api/programmes/{code}", Name = "GetProgramme"), Tags("Programmes")]
    [ProducesResponseType<ProgrammeDetails>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ProgrammeDetails>(ProgrammeDetails.IdFor(code), ct) is { } programme
            ? Results.Ok(programme)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Messages.About("programme", "Problem_NotFound"),
                detail: Messages.About("programme", "Problem_NoSuchCode", code));
}
